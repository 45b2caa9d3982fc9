import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { NetworkAdminOnly, RolesOrNetworkAdmin } from '../access/policy.js';
import { API } from '../common/api.js';
import { PageQueryDto, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CentresService } from './centres.service.js';
import { CentreResponse, CreateCentreDto, UpdateCentreDto } from './dto/centre.dto.js';

@ApiTags('centres')
@Controller(`${API}/centres`)
export class CentresController {
  constructor(private readonly centres: CentresService) {}

  @Get()
  @RolesOrNetworkAdmin('admin', 'manager', 'coordinator')
  @ApiOkResponse({ description: 'Every centre for a network admin; your own centre for anyone else' })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<Page<CentreResponse>> {
    return this.centres.list(ctx, query);
  }

  @Get(':id')
  @RolesOrNetworkAdmin('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: CentreResponse })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<CentreResponse> {
    return this.centres.get(ctx, id);
  }

  @Post()
  @NetworkAdminOnly()
  @ApiCreatedResponse({
    type: CentreResponse,
    description: 'Then create its admin with POST /api/v1/users and this centreId',
  })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateCentreDto): Promise<CentreResponse> {
    return this.centres.create(ctx, dto);
  }

  @Patch(':id')
  @RolesOrNetworkAdmin('admin')
  @ApiOkResponse({ type: CentreResponse })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: UpdateCentreDto): Promise<CentreResponse> {
    return this.centres.update(ctx, id, dto);
  }
}
