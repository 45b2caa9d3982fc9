import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { requireActor } from './account.service.js';
import { SESSION_COOKIE } from './auth.guard.js';
import { Ctx } from './ctx.decorator.js';
import { LoginDto, LoginResponse, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/auth.dto.js';
import { LoginService } from './login.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { Public, SignedIn } from './policy.js';

@ApiTags('auth')
@Controller(`${API}/auth`)
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly passwordReset: PasswordResetService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse, description: 'Also sets the httpOnly session cookie for the web pages' })
  @ApiTooManyRequestsResponse({ description: 'After 10 failed sign-ins from one address within a minute (see Retry-After)' })
  async signIn(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const result = await this.login.login(dto.email, dto.password, clientAddress(req));
    res.cookie(SESSION_COOKIE, result.accessToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.http.secureCookies,
      path: '/',
      expires: new Date(result.expiresAt),
    });
    return result;
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ends this session (token and cookie)' })
  async signOut(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    const actor = requireActor(ctx);
    if (actor.sessionId) await this.login.logout(actor.sessionId);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.config.http.secureCookies, path: '/' });
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'The same answer whether or not the email is known; a link valid for an hour is emailed if it is' })
  async requestReset(@Ctx() ctx: RequestContext, @Body() dto: PasswordResetRequestDto, @Req() req: Request): Promise<{ message: string }> {
    await this.passwordReset.request(ctx.requestId, dto.email, clientAddress(req));
    return { message: 'If this email belongs to an active account, a link to choose a new password is on its way.' };
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; every session of the account is signed out' })
  async confirmReset(@Ctx() ctx: RequestContext, @Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.passwordReset.confirm(ctx.requestId, dto.token, dto.password);
  }
}

/** The client's address: the socket peer, or X-Forwarded-For when TRUST_PROXY says the proxy in front is ours. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
