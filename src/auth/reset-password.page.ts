import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../common/errors.js';
import { escapeHtml, page } from '../common/html-page.js';
import { requestScope } from '../common/request-context.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.js';
import { PasswordResetService } from './password-reset.service.js';
import { Public } from '../access/policy.js';

/**
 * The page an emailed "choose a new password" link opens: a plain form that works without JavaScript,
 * posting to the same service as POST /api/v1/auth/password-reset/confirm.
 */
@ApiExcludeController()
@Controller('reset-password')
@Public() // the signed token in the form is the credential
export class ResetPasswordPage {
  constructor(private readonly passwordReset: PasswordResetService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  show(@Query('token') token: unknown): string {
    return page('Choose a new password', form(typeof token === 'string' ? token : ''));
  }

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async submit(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = typeof body.token === 'string' ? body.token : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const confirm = typeof body.confirm === 'string' ? body.confirm : '';
    const problem =
      password.length < PASSWORD_MIN || password.length > PASSWORD_MAX
        ? `The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long.`
        : password !== confirm
          ? 'The two passwords are not the same.'
          : undefined;
    if (problem) {
      res.status(400);
      return page('Choose a new password', form(token, problem));
    }
    try {
      await this.passwordReset.confirm(requestScope.current()?.requestId, token, password);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(400);
      // A password the rules refuse: the link is still good, so offer the form again.
      if (error.details.fields?.some((f) => f.field === 'password'))
        return page('Choose a new password', form(token, `The ${error.message}.`));
      return page('This link cannot be used', `<p role="alert">${escapeHtml(error.message)}.</p>`);
    }
    return page(
      'Password changed',
      '<p role="status">Your password is set. You can now sign in with it; any other signed-in sessions were signed out.</p>',
    );
  }
}

function form(token: string, problem?: string): string {
  return `${problem ? `<p role="alert" id="problem">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/reset-password">
  <input type="hidden" name="token" value="${escapeHtml(token)}">
  <p><label for="password">New password (at least ${PASSWORD_MIN} characters)</label><br>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="${PASSWORD_MIN}" maxlength="${PASSWORD_MAX}" required${problem ? ' aria-describedby="problem"' : ''}></p>
  <p><label for="confirm">The same password again</label><br>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="${PASSWORD_MIN}" maxlength="${PASSWORD_MAX}" required></p>
  <p><button type="submit">Set my password</button></p>
</form>`;
}
