import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { DuplicateList } from './dto/partner-duplicates.dto.js';
import {
  AsOfQueryDto,
  CreatePartnerDto,
  PartnerPage,
  PartnerQueryDto,
  PartnerResponse,
  UpdatePartnerDto,
} from './dto/partner.dto.js';
import { PartnersService } from './partners.service.js';

@ApiTags('partners')
@Controller(`${API}/partners`)
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: PartnerPage, description: 'Current (not archived) partners unless archived=true' })
  list(@Ctx() ctx: RequestContext, @Query() query: PartnerQueryDto): Promise<Page<PartnerResponse>> {
    return this.partners.list(ctx, query);
  }

  @Post()
  @Roles('admin', 'manager', 'coordinator')
  @ApiCreatedResponse({ type: PartnerResponse })
  @ApiNotFoundResponse({ description: 'ownerId is not an active user of the centre' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreatePartnerDto): Promise<PartnerResponse> {
    return this.partners.create(ctx, dto);
  }

  // Declared before ':id', which would otherwise take "duplicates" for an id.
  @Get('duplicates')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: DuplicateList,
    description:
      "Pairs of current partners sharing a name (case, accents, punctuation and legal forms set aside) or a website domain: the import's matching rules",
  })
  async duplicates(@Ctx() ctx: RequestContext): Promise<DuplicateList> {
    return { items: await this.partners.duplicates(ctx) };
  }

  @Get(':id')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: PartnerResponse,
    description: 'With its cadence, the rule it comes from, and the derived fields',
  })
  @ApiNotFoundResponse({ description: "Unknown, or another centre's" })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: AsOfQueryDto): Promise<PartnerResponse> {
    return this.partners.get(ctx, id, query.asOf);
  }

  @Patch(':id')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: PartnerResponse })
  @ApiNotFoundResponse({ description: 'Unknown partner or owner' })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: UpdatePartnerDto): Promise<PartnerResponse> {
    return this.partners.update(ctx, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: PartnerResponse,
    description: 'Archives the partner (PATCH {archived:false} restores it); its history stays',
  })
  @ApiNotFoundResponse({ description: "Unknown, or another centre's" })
  archive(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<PartnerResponse> {
    return this.partners.archive(ctx, id);
  }
}
