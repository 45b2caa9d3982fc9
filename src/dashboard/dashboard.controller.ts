import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { NetworkAdminOnly, Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { DashboardService } from './dashboard.service.js';
import {
  DashboardQueryDto,
  DashboardResponse,
  NetworkDashboardQueryDto,
  NetworkDashboardResponse,
} from './dto/dashboard.dto.js';

@ApiTags('dashboard')
@Controller(API)
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get('dashboard')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: DashboardResponse, description: "The centre's engagement figures as of a date" })
  centre(@Ctx() ctx: RequestContext, @Query() query: DashboardQueryDto): Promise<DashboardResponse> {
    return this.dashboards.centre(ctx, query);
  }

  @Get('network/dashboard')
  @NetworkAdminOnly()
  @ApiOkResponse({ type: NetworkDashboardResponse, description: "Every centre's headline figures, nothing personal" })
  network(@Ctx() ctx: RequestContext, @Query() query: NetworkDashboardQueryDto): Promise<NetworkDashboardResponse> {
    return this.dashboards.network(ctx, query);
  }
}
