import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module.js';
import { PartnerMergeController } from './partner-merge.controller.js';
import { PartnerMergeService } from './partner-merge.service.js';

/** Merging duplicate partners: above every feature whose rows point at a partner, as it moves them all. */
@Module({
  imports: [PartnersModule],
  controllers: [PartnerMergeController],
  providers: [PartnerMergeService],
  exports: [PartnerMergeService],
})
export class PartnerMergeModule {}
