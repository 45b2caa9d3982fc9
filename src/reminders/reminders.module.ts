import { Module } from '@nestjs/common';
import { ReminderScan } from './reminder-scan.service.js';
import { ReminderScanController, RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';

@Module({
  controllers: [RemindersController, ReminderScanController],
  providers: [RemindersService, ReminderScan],
  exports: [ReminderScan],
})
export class RemindersModule {}
