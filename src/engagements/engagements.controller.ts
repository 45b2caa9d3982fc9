import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import {
  CreateEngagementDto,
  EngagementPage,
  EngagementQueryDto,
  EngagementResponse,
  UpdateEngagementDto,
} from './dto/engagement.dto.js';
import { EngagementsService } from './engagements.service.js';

const INVALID =
  'problem+json naming each invalid field in `errors` (an unknown field is refused); includes an occurredAt ahead of now and a followUpAt before the engagement';
const NOT_FOUND = 'No such engagement, partner or contact in your centre';
const NOT_YOURS =
  'Your role may not use this route, or you are a coordinator and someone else logged this engagement (coordinators change their own, and those nobody logged)';
const CONFLICT =
  'A partner is archived, or the change would re-type, move or re-date the engagement of an advisory-board meeting';

@ApiTags('engagements')
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Your role may not use this route' })
@Controller(`${API}/engagements`)
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: EngagementPage,
    description: "Newest first by default; from/to dates are read in the centre's time zone",
  })
  @ApiBadRequestResponse({ description: 'Invalid filter, sort, page or limit' })
  list(@Ctx() ctx: RequestContext, @Query() query: EngagementQueryDto): Promise<Page<EngagementResponse>> {
    return this.engagements.list(ctx, query);
  }

  @Post()
  @Roles('admin', 'manager', 'coordinator')
  @ApiCreatedResponse({
    type: EngagementResponse,
    description: "Logged by you; each partner's last engagement moves at once",
  })
  @ApiBadRequestResponse({
    description: `${INVALID}; type board_meeting is refused (board meetings record those); contacts must be people of the partners`,
  })
  @ApiNotFoundResponse({ description: "A partner or contact is not one of your centre's" })
  @ApiConflictResponse({ description: 'A partner is archived' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateEngagementDto): Promise<EngagementResponse> {
    return this.engagements.create(ctx, dto);
  }

  @Get(':id')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: EngagementResponse })
  @ApiNotFoundResponse({ description: 'No such engagement in your centre' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<EngagementResponse> {
    return this.engagements.get(ctx, id);
  }

  @Patch(':id')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: EngagementResponse,
    description: "partnerIds and contactIds replace the links; the partners' last engagement follows",
  })
  @ApiBadRequestResponse({ description: INVALID })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() dto: UpdateEngagementDto,
  ): Promise<EngagementResponse> {
    return this.engagements.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'manager', 'coordinator')
  @ApiNoContentResponse({ description: "Deleted; its partners' last engagement moves back" })
  @ApiNotFoundResponse({ description: 'No such engagement in your centre' })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  remove(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<void> {
    return this.engagements.remove(ctx, id);
  }
}
