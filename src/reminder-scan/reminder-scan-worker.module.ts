import { Module } from '@nestjs/common';
import { ReminderProcessor } from './reminder.processor.js';
import { ReminderScanModule } from './reminder-scan.module.js';
import { ReminderSchedulesModule } from './reminder-schedules.module.js';

/** The reminder queue's consumer: only in ROLE=all and ROLE=worker. */
@Module({
  imports: [ReminderScanModule, ReminderSchedulesModule],
  providers: [ReminderProcessor],
})
export class ReminderScanWorkerModule {}
