import { Module } from '@nestjs/common';
import { CentresModule } from '../centres/centres.module.js';
import { ReminderSchedules } from './reminder-schedules.service.js';

/** The centres' job schedulers: kept in step with centre changes (CentreEvents) and reconciled by the reminder worker. */
@Module({
  imports: [CentresModule],
  providers: [ReminderSchedules],
  exports: [ReminderSchedules],
})
export class ReminderSchedulesModule {}
