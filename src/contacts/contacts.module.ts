import { Module } from '@nestjs/common';
import { ContactsController, PartnerContactsController } from './contacts.controller.js';
import { ContactPrivacyService } from './contact-privacy.service.js';
import { ContactsService } from './contacts.service.js';

@Module({
  controllers: [PartnerContactsController, ContactsController],
  providers: [ContactsService, ContactPrivacyService],
  exports: [ContactsService, ContactPrivacyService],
})
export class ContactsModule {}
