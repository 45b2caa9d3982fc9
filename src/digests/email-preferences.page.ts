import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/policy.js';
import { requestScope } from '../common/request-context.js';
import { DIGEST_PREFERENCES, type DigestPreference } from '../auth/user.entity.js';
import { alert, page, status } from '../common/html-page.js';
import { PreferencesService } from './preferences.service.js';

const CHOICES: Record<DigestPreference, string> = {
  daily: 'A daily digest, on days something is due',
  weekly: 'A weekly digest, on Mondays',
  off: 'No reminder email',
};

/**
 * `/email-preferences/<token>`: the List-Unsubscribe target of every reminder email. A POST with
 * `List-Unsubscribe=One-Click` (RFC 8058, sent by the mail client) turns reminder email off; the page (GET)
 * offers daily, weekly or off, posting its choice back here.
 */
@ApiExcludeController()
@Controller('email-preferences')
@Public() // the signed token in the path is the credential
export class EmailPreferencesPage {
  constructor(private readonly preferences: PreferencesService) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async show(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = await this.preferences.contextOfLink(token, requestScope.current()?.requestId);
    if (!ctx) return unusable(res);
    const { digest } = await this.preferences.get(ctx);
    return page('Reminder email', form(digest));
  }

  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async submit(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const ctx = await this.preferences.contextOfLink(token, requestScope.current()?.requestId);
    if (!ctx) return unusable(res);
    const choice = body?.digest ?? (body?.['List-Unsubscribe'] === 'One-Click' ? 'off' : undefined);
    if (!isPreference(choice)) {
      res.status(400);
      return page(
        'Reminder email',
        alert('Choose daily, weekly or off.') + form((await this.preferences.get(ctx)).digest),
      );
    }
    const { digest } = await this.preferences.set(ctx, choice);
    return page(
      'Reminder email',
      status(digest === 'off' ? 'You will get no more reminder email.' : `Saved: ${CHOICES[digest].toLowerCase()}.`) +
        form(digest),
    );
  }
}

function isPreference(value: unknown): value is DigestPreference {
  return typeof value === 'string' && (DIGEST_PREFERENCES as readonly string[]).includes(value);
}

function unusable(res: Response): string {
  res.status(400);
  return page('This link cannot be used', alert('This link is not valid, or its account can no longer use Keepwarm.'));
}

function form(current: DigestPreference): string {
  const options = DIGEST_PREFERENCES.map(
    (value) =>
      `<p><label><input type="radio" name="digest" value="${value}"${value === current ? ' checked' : ''}> ${CHOICES[value]}</label></p>`,
  ).join('\n');
  return `<form method="post">
<fieldset><legend>Which reminder email do you want?</legend>
${options}
</fieldset>
<p><button type="submit">Save</button></p>
</form>`;
}
