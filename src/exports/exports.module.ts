import { Module } from '@nestjs/common';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** CSV downloads of partners, engagements and contacts: read-only, above the features it reads. */
@Module({
  imports: [PartnersModule, EngagementsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
