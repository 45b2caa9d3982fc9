import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { MailAdminController } from './mail-admin.controller.js';
import { MailAdminService } from './mail-admin.service.js';

/** The admins' view of mail delivery: the outbox, its send log, retries and the test send. */
@Module({
  imports: [MailModule],
  controllers: [MailAdminController],
  providers: [MailAdminService],
  exports: [MailAdminService],
})
export class MailAdminModule {}
