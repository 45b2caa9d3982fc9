import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { TimelinePage, TimelineQueryDto } from '../partners/dto/partner.dto.js';
import { PartnerTimelineQuery } from './partner-timeline.query.js';

/** A partner's history in one stream: it reads engagements, board meetings and SID roles, so it sits above all three. */
@ApiTags('partners')
@Controller(`${API}/partners`)
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
export class PartnerTimelineController {
  constructor(private readonly timelines: PartnerTimelineQuery) {}

  @Get(':id/timeline')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: TimelinePage, description: 'Engagements, board meetings and SID roles, newest first' })
  timeline(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Query() query: TimelineQueryDto,
  ): Promise<TimelinePage> {
    return this.timelines.page(ctx, id, query);
  }
}
