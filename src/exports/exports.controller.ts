import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { DashboardQueryDto } from '../dashboard/dto/dashboard.dto.js';
import { DASHBOARD_TABLE_NAMES } from './dashboard-tables.js';
import { EngagementExportQueryDto, PartnerExportQueryDto } from './dto/export-query.dto.js';
import { ExportsService } from './exports.service.js';

const CSV = 'UTF-8 CSV with a BOM and a header row, streamed; ISO 8601 dates; formulas neutralised';

@ApiTags('exports')
@Controller(`${API}/export`)
@ApiProduces('text/csv')
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('partners.csv')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ description: `The partners the list's filters select, by id. ${CSV}` })
  partners(@Ctx() ctx: RequestContext, @Query() query: PartnerExportQueryDto): Promise<StreamableFile> {
    return this.exports.partnersCsv(ctx, query);
  }

  @Get('engagements.csv')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ description: `The engagements the filters select, by id, with their partners. ${CSV}` })
  engagements(@Ctx() ctx: RequestContext, @Query() query: EngagementExportQueryDto): Promise<StreamableFile> {
    return this.exports.engagementsCsv(ctx, query);
  }

  @Get('contacts.csv')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    description: `Every contact of the centre with their partner, lawful basis and consent date; do-not-contact people without email and phone, erased people without personal fields. ${CSV}`,
  })
  contacts(@Ctx() ctx: RequestContext): Promise<StreamableFile> {
    return this.exports.contactsCsv(ctx);
  }

  @Get('dashboard/:name.csv')
  @Roles('admin', 'manager', 'coordinator')
  @ApiParam({ name: 'name', enum: DASHBOARD_TABLE_NAMES, description: 'The dashboard table' })
  @ApiOkResponse({
    description: `One table of GET /dashboard as of asOf (narrowed to ownerId's partners when given), every row of it, its fields in snake_case; rates are fractions. ${CSV}`,
  })
  @ApiNotFoundResponse({ description: 'No dashboard table of that name' })
  dashboard(
    @Ctx() ctx: RequestContext,
    @Param('name') name: string,
    @Query() query: DashboardQueryDto,
  ): Promise<StreamableFile> {
    return this.exports.dashboardCsv(ctx, name, query);
  }
}
