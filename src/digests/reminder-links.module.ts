import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module.js';
import { DigestsModule } from './digests.module.js';
import { ReminderLinkPage } from './reminder-link.page.js';
import { ReminderLinkService } from './reminder-link.service.js';

/**
 * The "Mark done" / "Snooze a week" pages of the digests. Separate from DigestsModule because it needs
 * RemindersService, and RemindersModule needs DigestsModule: one module each way would be a cycle.
 */
@Module({
  imports: [DigestsModule, RemindersModule],
  controllers: [ReminderLinkPage],
  providers: [ReminderLinkService],
})
export class ReminderLinksModule {}
