import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { BoardMeetingsService } from './board-meetings.service.js';
import { ApiProblems, BOARDS_PATH } from './boards.controller.js';
import { CreateMeetingDto, MeetingPage, MeetingQueryDto, MeetingResponse } from './dto/board-meeting.dto.js';

@ApiTags('advisory boards')
@ApiBearerAuth()
@Controller(`${BOARDS_PATH}/:id/meetings`)
export class BoardMeetingsController {
  constructor(private readonly meetings: BoardMeetingsService) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: MeetingPage, description: 'Newest first, each with its attendees (from their engagements)' })
  @ApiProblems(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @Param('id') boardId: string,
    @Query() query: MeetingQueryDto,
  ): Promise<Page<MeetingResponse>> {
    return this.meetings.list(ctx, boardId, query);
  }

  @Post()
  @Roles('admin', 'manager', 'coordinator')
  @ApiCreatedResponse({
    type: MeetingResponse,
    description: 'Logs one engagement of type board_meeting per attending partner, on its timeline',
  })
  @ApiProblems(400, 404, 409)
  record(
    @Ctx() ctx: RequestContext,
    @Param('id') boardId: string,
    @Body() dto: CreateMeetingDto,
  ): Promise<MeetingResponse> {
    return this.meetings.record(ctx, boardId, dto);
  }
}
