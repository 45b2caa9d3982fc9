import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { RolesOrNetworkAdmin } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { UserResponse } from '../auth/dto/user-response.dto.js';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller(`${API}/users`)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RolesOrNetworkAdmin('admin', 'manager')
  list(@Ctx() ctx: RequestContext, @Query() query: UserQueryDto): Promise<Page<UserResponse>> {
    return this.users.list(ctx, query);
  }

  @Get(':id')
  @RolesOrNetworkAdmin('admin', 'manager')
  @ApiOkResponse({ type: UserResponse })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<UserResponse> {
    return this.users.get(ctx, id);
  }

  @Post()
  @RolesOrNetworkAdmin('admin')
  @ApiCreatedResponse({
    type: UserResponse,
    description: 'Without a password, the user is emailed a link to choose one',
  })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(ctx, dto);
  }

  @Patch(':id')
  @RolesOrNetworkAdmin('admin')
  @ApiOkResponse({ type: UserResponse })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(ctx, id, dto);
  }

  @Delete(':id')
  @RolesOrNetworkAdmin('admin')
  @ApiOkResponse({
    type: UserResponse,
    description: 'Deactivates the account: it can no longer sign in, and its history stays',
  })
  remove(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<UserResponse> {
    return this.users.deactivate(ctx, id);
  }
}
