import { Module } from '@nestjs/common';
import { DigestsModule } from '../digests/digests.module.js';
import { ReminderScanController, ReminderStatusController } from './reminder-scan.controller.js';
import { ReminderScan } from './reminder-scan.service.js';
import { ReminderSchedulesModule } from './reminder-schedules.module.js';
import { ReminderStatusService } from './reminder-status.service.js';

/**
 * The daily scan of a centre: it writes the day's reminders and stages their digests in one transaction, on the
 * centre's schedule (every role: an admin can run it, and centre changes move its schedulers).
 */
@Module({
  imports: [ReminderSchedulesModule, DigestsModule],
  controllers: [ReminderStatusController, ReminderScanController],
  providers: [ReminderScan, ReminderStatusService],
  exports: [ReminderScan, ReminderStatusService],
})
export class ReminderScanModule {}
