import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { BoardMembersService } from './board-members.service.js';
import { ApiProblems, BOARDS_PATH } from './boards.controller.js';
import {
  CreateMemberDto,
  MemberPage,
  MemberQueryDto,
  MemberResponse,
  UpdateMemberDto,
} from './dto/board-member.dto.js';

@ApiTags('advisory boards')
@ApiBearerAuth()
@Controller(`${BOARDS_PATH}/:id/members`)
export class BoardMembersController {
  constructor(private readonly members: BoardMembersService) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: MemberPage,
    description: 'Current and past members (asOf: only those whose term covers that date)',
  })
  @ApiProblems(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @Param('id') boardId: string,
    @Query() query: MemberQueryDto,
  ): Promise<Page<MemberResponse>> {
    return this.members.list(ctx, boardId, query);
  }

  @Post()
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiProblems(400, 404, 409)
  create(
    @Ctx() ctx: RequestContext,
    @Param('id') boardId: string,
    @Body() dto: CreateMemberDto,
  ): Promise<MemberResponse> {
    return this.members.create(ctx, boardId, dto);
  }

  @Patch(':memberId')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: MemberResponse })
  @ApiProblems(400, 404, 409)
  update(
    @Ctx() ctx: RequestContext,
    @Param('id') boardId: string,
    @Param('memberId') memberId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberResponse> {
    return this.members.update(ctx, boardId, memberId, dto);
  }

  @Delete(':memberId')
  @Roles('admin', 'manager')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The seat is removed (to end a term instead, set termEnd)' })
  @ApiProblems(404)
  remove(@Ctx() ctx: RequestContext, @Param('id') boardId: string, @Param('memberId') memberId: string): Promise<void> {
    return this.members.remove(ctx, boardId, memberId);
  }
}
