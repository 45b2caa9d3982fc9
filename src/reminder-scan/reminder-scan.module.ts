import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { DigestsModule } from '../digests/digests.module.js';
import { ReminderScanController, ReminderStatusController } from './reminder-scan.controller.js';
import { ReminderScan } from './reminder-scan.service.js';
import { ReminderSchedulesModule } from './reminder-schedules.module.js';
import { ReminderStatusService } from './reminder-status.service.js';

/**
 * The daily scan of a centre: it writes the day's reminders and stages their digests in one transaction, on the
 * centre's schedule (every role: an admin can run it, and centre changes move its schedulers). The same daily job
 * applies the centre's contact retention rule first (ContactRetention, from ContactsModule).
 */
@Module({
  imports: [ReminderSchedulesModule, DigestsModule, ContactsModule],
  controllers: [ReminderStatusController, ReminderScanController],
  providers: [ReminderScan, ReminderStatusService],
  exports: [ReminderScan, ReminderStatusService, ContactsModule],
})
export class ReminderScanModule {}
