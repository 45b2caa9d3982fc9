import { Module } from '@nestjs/common';
import { AnnualReportService } from './annual-report.service.js';
import { ReportsController } from './reports.controller.js';

/** Reports for funders: the dashboard's figures over a SID year, as CSV or a printable document. Read-only. */
@Module({
  controllers: [ReportsController],
  providers: [AnnualReportService],
})
export class ReportsModule {}
