import { Module } from '@nestjs/common';
import { PartnerTimelineController } from './partner-timeline.controller.js';
import { PartnerTimelineQuery } from './partner-timeline.query.js';

@Module({
  controllers: [PartnerTimelineController],
  providers: [PartnerTimelineQuery],
  exports: [PartnerTimelineQuery],
})
export class TimelineModule {}
