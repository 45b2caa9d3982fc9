import { Module } from '@nestjs/common';
import { PartnerTimelineQuery } from '../timeline/partner-timeline.query.js';
import { PartnersController } from './partners.controller.js';
import { PartnersService } from './partners.service.js';

@Module({
  controllers: [PartnersController],
  providers: [PartnersService, PartnerTimelineQuery],
})
export class PartnersModule {}
