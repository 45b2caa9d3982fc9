import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { ImportReport, PartnerImportQueryDto } from './dto/partner-import.dto.js';
import { PartnerImportService } from './partner-import.service.js';

@ApiTags('imports')
@Controller(`${API}/import`)
export class ImportsController {
  constructor(private readonly imports: PartnerImportService) {}

  @Post('partners')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'CSV, UTF-8 (BOM or not) or Windows-1252, separated by , or ;, header in row 1: name, sector, tier, website, country, region, tags, notes, ownerEmail, contactName, contactEmail, contactPhone, contactJobTitle (case and accents ignored; Organisation, Organization, Partner, URL and Site also understood)',
        },
      },
    },
  })
  @ApiOkResponse({
    type: ImportReport,
    description: 'The counts (written, unless dryRun), and unknown columns as warnings',
  })
  @ApiUnprocessableEntityResponse({
    description: 'problem+json whose errors list every problem as {row, column, message}; nothing was written',
  })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than IMPORT_MAX_BYTES (10 MB by default)' })
  partners(
    @Ctx() ctx: RequestContext,
    @Query() query: PartnerImportQueryDto,
    @Req() req: Request & { file?: { buffer: Buffer } },
  ): Promise<ImportReport> {
    return this.imports.importPartners(ctx, req.file?.buffer, query);
  }
}
