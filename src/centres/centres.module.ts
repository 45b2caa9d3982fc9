import { Module } from '@nestjs/common';
import { CentreEvents } from './centre-events.js';
import { CentresController } from './centres.controller.js';
import { CentresService } from './centres.service.js';
import { FirstRunService } from './first-run.service.js';

@Module({
  controllers: [CentresController],
  providers: [FirstRunService, CentresService, CentreEvents],
  exports: [FirstRunService, CentresService, CentreEvents],
})
export class CentresModule {}
