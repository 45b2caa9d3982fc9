import { Module } from '@nestjs/common';
import { ContactsController, PartnerContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

@Module({
  controllers: [PartnerContactsController, ContactsController],
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
