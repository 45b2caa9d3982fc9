import { Controller, Get, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { LOCALES } from '../ui/i18n/translator.js';
import { annualReportCsv } from './annual-report.csv.js';
import { renderAnnualReport } from './annual-report.page.js';
import { AnnualReportService } from './annual-report.service.js';
import { AnnualReportQueryDto } from './dto/annual-report.dto.js';

@ApiTags('reports')
@Controller(`${API}/reports`)
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field (year, format)' })
export class ReportsController {
  constructor(private readonly reports: AnnualReportService) {}

  @Get('annual')
  @Roles('admin', 'manager')
  @ApiProduces('text/csv', 'text/html')
  @ApiOkResponse({
    description:
      "The annual partnership report of the caller's centre for one SID year (from the first day of its SID window to the day before the next window opens): engagements, year-round and seasonal partners, SID roles and whether delivered, board seats and off-season retention, per partner, per sector and in total. CSV (UTF-8 with a BOM; a `section` column: total, sector or partner) or a standalone HTML document printable on A4 (title page, then Totals, By sector and By partner, each on a new page), in the reader's language.",
  })
  async annual(
    @Ctx() ctx: RequestContext,
    @Query() query: AnnualReportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | string> {
    const report = await this.reports.annual(ctx, query.year);
    if (query.format !== 'html') return annualReportCsv(report);
    const locale = await this.reports.locale(ctx, req.acceptsLanguages(...LOCALES));
    res.type('html');
    return renderAnnualReport(report, locale);
  }
}
