import { Module } from '@nestjs/common';
import { Signer } from '../auth/signer.js';
import { MailModule } from '../mail/mail.module.js';
import { DigestService } from './digest.service.js';
import { EmailPreferencesPage } from './email-preferences.page.js';
import { PreferencesController } from './preferences.controller.js';
import { PreferencesService } from './preferences.service.js';
import { ReminderLinks } from './reminder-links.js';

/**
 * Reminder email: the daily digests and weekly summaries a scan stages (DigestService, used by RemindersModule),
 * the signed links they carry, and digest preferences. It does not import RemindersModule (which imports it):
 * the pages acting on reminders live in ReminderLinksModule.
 */
@Module({
  imports: [MailModule],
  controllers: [PreferencesController, EmailPreferencesPage],
  providers: [Signer, ReminderLinks, DigestService, PreferencesService],
  exports: [DigestService, ReminderLinks],
})
export class DigestsModule {}
