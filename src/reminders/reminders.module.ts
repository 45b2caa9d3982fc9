import { DigestsModule } from '../digests/digests.module.js';
import { ReminderSchedulesModule } from '../reminder-scan/reminder-schedules.module.js';
import { ReminderStatusService } from '../reminder-scan/reminder-status.service.js';
import { Module } from '@nestjs/common';
import { ReminderScan } from '../reminder-scan/reminder-scan.service.js';
import { ReminderScanController, RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';

@Module({
  imports: [ReminderSchedulesModule, DigestsModule],
  controllers: [RemindersController, ReminderScanController],
  providers: [RemindersService, ReminderScan, ReminderStatusService],
  exports: [ReminderScan, RemindersService],
})
export class RemindersModule {}
