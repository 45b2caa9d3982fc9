import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MailModule } from '../mail/mail.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { DigestService } from './digest.service.js';
import { EmailPreferencesPage } from './email-preferences.page.js';
import { PreferencesController } from './preferences.controller.js';
import { PreferencesService } from './preferences.service.js';
import { ReminderLinkPage } from './reminder-link.page.js';
import { ReminderLinkService } from './reminder-link.service.js';
import { ReminderLinks } from './reminder-links.js';

/**
 * Reminder email: the daily digests and weekly summaries the scan stages (DigestService, used by the reminder scan),
 * the signed links they carry with the "Mark done" / "Snooze a week" pages behind them, and digest preferences.
 */
@Module({
  imports: [AuthModule, MailModule, RemindersModule],
  controllers: [PreferencesController, EmailPreferencesPage, ReminderLinkPage],
  providers: [ReminderLinks, DigestService, PreferencesService, ReminderLinkService],
  exports: [DigestService, PreferencesService],
})
export class DigestsModule {}
