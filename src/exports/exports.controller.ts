import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
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
}
