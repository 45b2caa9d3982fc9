import { ReminderSchedulesModule } from '../reminder-scan/reminder-schedules.module.js';
import { Module } from '@nestjs/common';
import { CentresController } from './centres.controller.js';
import { CentresService } from './centres.service.js';
import { FirstRunService } from './first-run.service.js';

@Module({
  imports: [ReminderSchedulesModule],
  controllers: [CentresController],
  providers: [FirstRunService, CentresService],
})
export class CentresModule {}
