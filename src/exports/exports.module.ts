import { Module } from '@nestjs/common';
import { DashboardModule } from '../dashboard/dashboard.module.js';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** CSV downloads of partners, engagements, contacts and the dashboard's tables: read-only, above the features it reads. */
@Module({
  imports: [PartnersModule, EngagementsModule, DashboardModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
