import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { API } from '../common/api.js';
import { ForbiddenError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { requireActor } from './account.service.js';
import { SESSION_COOKIE } from './auth.guard.js';
import { Ctx } from '../access/ctx.decorator.js';
import { LoginDto, LoginResponse, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/auth.dto.js';
import { LoginService } from './login.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { Public, SignedIn } from '../access/policy.js';

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
  @ApiForbiddenResponse({ description: 'A form (not JSON) posted from a page outside PUBLIC_URL: login CSRF' })
  @ApiTooManyRequestsResponse({
    description:
      'After 10 failed sign-ins from one address within a minute, or to one account within 15 minutes (see Retry-After)',
  })
  async signIn(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    assertSameOriginForm(req, this.config.http.publicUrl);
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
    res.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.http.secureCookies,
      path: '/',
    });
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'The same answer whether or not the email is known; a link valid for an hour is emailed if it is',
  })
  async requestReset(
    @Ctx() ctx: RequestContext,
    @Body() dto: PasswordResetRequestDto,
    @Req() req: Request,
  ): Promise<{ message: string }> {
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

/**
 * Login CSRF: a page on another site can make a browser post a form (never JSON, which needs a CORS preflight we
 * do not answer) and sign it in to an account of the attacker's. A form is accepted only when its Origin, or its
 * Referer when there is no Origin, is PUBLIC_URL's origin: our own sign-in page.
 */
export function assertSameOriginForm(req: Request, publicUrl: string): void {
  if (req.is('application/json')) return;
  const expected = new URL(publicUrl).origin;
  const origin = req.header('origin') ?? originOf(req.header('referer'));
  if (origin !== expected)
    throw new ForbiddenError('Sign in with a JSON request, or from the sign-in page of this installation');
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The client's address: the socket peer, or X-Forwarded-For when TRUST_PROXY says the proxy in front is ours. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
