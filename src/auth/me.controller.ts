import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { UserResponse } from './dto/user-response.dto.js';
import { AccountService } from './account.service.js';
import { AuthVia, Ctx } from '../access/ctx.decorator.js';
import { ChangePasswordDto, MeResponse, UpdateMeDto } from './dto/auth.dto.js';
import { SignedIn } from '../access/policy.js';

@ApiTags('auth')
@Controller(`${API}/me`)
export class MeController {
  constructor(private readonly account: AccountService) {}

  @Get()
  @SignedIn()
  @ApiOkResponse({ type: MeResponse })
  me(@Ctx() ctx: RequestContext, @AuthVia() via: 'bearer' | 'cookie' | undefined): Promise<MeResponse> {
    return this.account.me(ctx, via === 'cookie');
  }

  @Patch()
  @SignedIn()
  @ApiOkResponse({ type: UserResponse })
  update(@Ctx() ctx: RequestContext, @Body() dto: UpdateMeDto): Promise<UserResponse> {
    return this.account.updateMe(ctx, dto);
  }

  @Post('password')
  @SignedIn()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; your other sessions are signed out' })
  changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.account.changePassword(ctx, dto);
  }
}
