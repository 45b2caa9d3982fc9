import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
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
import { BoardsService } from './boards.service.js';
import {
  BoardPage,
  BoardQueryDto,
  BoardResponse,
  CoverageQueryDto,
  CoverageResponse,
  CreateBoardDto,
  UpdateBoardDto,
} from './dto/board.dto.js';

export const BOARDS_PATH = `${API}/advisory-boards`;

const PROBLEM = 'application/problem+json';

/** The problem+json answers of a boards route, for the OpenAPI document (401 and 403 apply to every one). */
export function ApiProblems(...statuses: (400 | 404 | 409)[]) {
  const docs = {
    400: ApiBadRequestResponse({ description: `Invalid fields: ${PROBLEM} with errors [{field, message}]` }),
    404: ApiNotFoundResponse({
      description: `No such record in your centre (another centre's id answers the same): ${PROBLEM}`,
    }),
    409: ApiConflictResponse({ description: `Conflicts with the current state: ${PROBLEM}` }),
  };
  return applyDecorators(
    ApiUnauthorizedResponse({ description: `Not signed in: ${PROBLEM}` }),
    ApiForbiddenResponse({ description: `Your role may not do this: ${PROBLEM}` }),
    ...statuses.map((status) => docs[status]),
  );
}

@ApiTags('advisory boards')
@ApiBearerAuth()
@Controller(BOARDS_PATH)
export class BoardsController {
  constructor(private readonly boards: BoardsService) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: BoardPage, description: 'Boards of your centre, by name unless sorted otherwise' })
  @ApiProblems(400)
  list(@Ctx() ctx: RequestContext, @Query() query: BoardQueryDto): Promise<Page<BoardResponse>> {
    return this.boards.list(ctx, query);
  }

  @Post()
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ type: BoardResponse })
  @ApiProblems(400)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateBoardDto): Promise<BoardResponse> {
    return this.boards.create(ctx, dto);
  }

  @Get(':id')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: BoardResponse })
  @ApiProblems(404)
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<BoardResponse> {
    return this.boards.get(ctx, id);
  }

  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: BoardResponse })
  @ApiProblems(400, 404)
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: UpdateBoardDto): Promise<BoardResponse> {
    return this.boards.update(ctx, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'manager')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its memberships' })
  @ApiProblems(404)
  @ApiConflictResponse({
    description: "A board with recorded meetings cannot be deleted: their engagements are partners' history",
  })
  remove(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<void> {
    return this.boards.remove(ctx, id);
  }

  @Get(':id/coverage')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: CoverageResponse,
    description: "The centre's required sectors against the sectors of the seats whose term covers asOf",
  })
  @ApiProblems(400, 404)
  coverage(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Query() query: CoverageQueryDto,
  ): Promise<CoverageResponse> {
    return this.boards.coverage(ctx, id, query.asOf);
  }
}
