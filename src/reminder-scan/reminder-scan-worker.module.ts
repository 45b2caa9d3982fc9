import { Module } from '@nestjs/common';
import { ReminderProcessor } from './reminder.processor.js';
import { ReminderSchedulesModule } from './reminder-schedules.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';

/** The reminder queue's consumer: only in ROLE=all and ROLE=worker. */
@Module({
  imports: [RemindersModule, ReminderSchedulesModule],
  providers: [ReminderProcessor],
})
export class RemindersWorkerModule {}
