import { Module } from '@nestjs/common';
import { ReminderSchedules } from './reminder-schedules.service.js';

/** The centres' job schedulers, for the centres module (create, change) and the reminder worker (reconcile, run). */
@Module({
  providers: [ReminderSchedules],
  exports: [ReminderSchedules],
})
export class ReminderSchedulesModule {}
