import { Module } from '@nestjs/common';
import { ContactsController, PartnerContactsController } from './contacts.controller.js';
import { ContactPrivacyService } from './contact-privacy.service.js';
import { ContactRetention } from './contact-retention.service.js';
import { ContactsService } from './contacts.service.js';

@Module({
  controllers: [PartnerContactsController, ContactsController],
  providers: [ContactsService, ContactPrivacyService, ContactRetention],
  exports: [ContactsService, ContactPrivacyService, ContactRetention],
})
export class ContactsModule {}
