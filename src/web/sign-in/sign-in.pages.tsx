import { Body, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Public, SignedIn } from '../../access/policy.js';
import { SESSION_COOKIE } from '../../auth/auth.guard.js';
import { assertSameOriginForm, clientAddress } from '../../auth/auth.controller.js';
import { LoginService } from '../../auth/login.service.js';
import { PasswordResetService } from '../../auth/password-reset.service.js';
import { ErrorCode, DomainError } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { Field, PostForm } from '../../ui/components/form.js';
import { Notice } from '../../ui/components/flash.js';
import { Layout } from '../../ui/components/layout.js';
import type { View } from '../../ui/view.js';
import { readCookie } from '../../auth/auth.guard.js';
import { safeNext, setFlash } from '../flash.js';
import { html, Html, WebController } from '../web-page.js';
import { WebContext } from '../web-context.service.js';

/** Sign in, sign out, and ask for a new password: the pages anyone may open. */
@WebController()
export class SignInPages {
  constructor(
    private readonly web: WebContext,
    private readonly login: LoginService,
    private readonly passwordReset: PasswordResetService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get('login')
  @Public()
  @Html()
  show(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('next') next: unknown): string | void {
    // Already signed in (the cookie is there): straight on. A stale cookie is cleared on the way and comes back here.
    if (readCookie(req.header('cookie'), SESSION_COOKIE)) {
      return res.redirect(303, `/login/continue?next=${encodeURIComponent(safeNext(next))}`);
    }
    return html(<SignInPage view={this.web.anonymous(req, res)} next={safeNext(next)} />);
  }

  /** Where a browser with a session cookie goes from /login: its page if the session is alive, else the form. */
  @Get('login/continue')
  @SignedIn()
  continue(@Query('next') next: unknown, @Res() res: Response): void {
    res.redirect(303, safeNext(next));
  }

  @Post('login')
  @Public()
  @Html()
  async submit(
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    assertSameOriginForm(req, this.config.http.publicUrl);
    const view = this.web.anonymous(req);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    try {
      const result = await this.login.login(email, password, clientAddress(req));
      res.cookie(SESSION_COOKIE, result.accessToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.http.secureCookies,
        path: '/',
        expires: new Date(result.expiresAt),
      });
      return res.redirect(303, next);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const throttled = error.code === ErrorCode.RateLimited;
      if (!throttled && error.code !== ErrorCode.Unauthenticated && error.code !== ErrorCode.Invalid) throw error;
      res.status(throttled ? 429 : 400);
      if (throttled && error.details.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(error.details.retryAfterSeconds));
      const problem = view.i18n.t(throttled ? 'common.login.throttled' : 'common.login.failed');
      return html(<SignInPage view={view} next={next} email={email} problem={problem} />);
    }
  }

  @Post('logout')
  @SignedIn()
  async signOut(@Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    if (ctx.actor?.sessionId) await this.login.logout(ctx.actor.sessionId);
    res.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.http.secureCookies,
      path: '/',
    });
    setFlash(res, 'common.signedOut');
    res.redirect(303, '/login');
  }

  @Get('forgot-password')
  @Public()
  @Html()
  forgot(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    return html(<ForgotPage view={this.web.anonymous(req, res)} />);
  }

  @Post('forgot-password')
  @Public()
  @HttpCode(200)
  @Html()
  async sendLink(
    @Ctx() ctx: RequestContext,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
  ): Promise<string> {
    const view = this.web.anonymous(req);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (email) await this.passwordReset.request(ctx.requestId, email, clientAddress(req));
    return html(<ForgotPage view={view} email={email} sent={Boolean(email)} />);
  }
}

function SignInPage(props: { view: View; next: string; email?: string; problem?: string }) {
  const { view, problem } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('common.login.title')}>
      <p>{t('common.login.intro')}</p>
      {problem ? (
        <p class="flash flash-error" role="alert" id="login-problem">
          {problem}
        </p>
      ) : null}
      <PostForm view={view} action="/login" class="narrow-form">
        <input type="hidden" name="next" value={props.next} />
        <Field
          name="email"
          type="email"
          label={t('common.login.email')}
          value={props.email}
          required
          attrs={{
            autocomplete: 'username',
            autofocus: true,
            'aria-describedby': problem ? 'login-problem' : undefined,
          }}
        />
        <Field
          name="password"
          type="password"
          label={t('common.login.password')}
          required
          attrs={{ autocomplete: 'current-password' }}
        />
        <button type="submit" class="primary">
          {t('common.login.submit')}
        </button>
      </PostForm>
      <p>
        <a href="/forgot-password">{t('common.login.forgot')}</a>
      </p>
    </Layout>
  );
}

function ForgotPage(props: { view: View; email?: string; sent?: boolean }) {
  const { view } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('common.forgot.title')}>
      {props.sent ? <Notice>{t('common.forgot.sent')}</Notice> : <p>{t('common.forgot.intro')}</p>}
      <PostForm view={view} action="/forgot-password" class="narrow-form">
        <Field
          name="email"
          type="email"
          label={t('common.login.email')}
          value={props.email}
          required
          attrs={{ autocomplete: 'username' }}
        />
        <button type="submit" class="primary">
          {t('common.forgot.submit')}
        </button>
      </PostForm>
      <p>
        <a href="/login">{t('common.forgot.back')}</a>
      </p>
    </Layout>
  );
}
