import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/policy.js';
import { requestScope } from '../common/request-context.js';
import { DIGEST_PREFERENCES, type DigestPreference } from '../auth/user.entity.js';
import { Notice } from '../ui/components/flash.js';
import { fieldId, PostForm } from '../ui/components/form.js';
import { Layout } from '../ui/components/layout.js';
import type { MessageKey } from '../ui/i18n/catalogue.js';
import { chooseLocale, LOCALES, translator, type Locale } from '../ui/i18n/translator.js';
import { renderDocument } from '../ui/render.js';
import type { View } from '../ui/view.js';
import { PreferencesService } from './preferences.service.js';

const CHOICES = {
  daily: 'email.prefs.daily',
  weekly: 'email.prefs.weekly',
  off: 'email.prefs.off',
} satisfies Record<DigestPreference, MessageKey>;

const SAVED = {
  daily: 'email.prefs.savedDaily',
  weekly: 'email.prefs.savedWeekly',
  off: 'email.prefs.savedOff',
} satisfies Record<DigestPreference, MessageKey>;

/**
 * `/email-preferences/<token>`: the List-Unsubscribe target of every reminder email. A POST with
 * `List-Unsubscribe=One-Click` (RFC 8058, sent by the mail client) turns reminder email off; the page (GET)
 * offers daily, weekly or off, posting its choice back here. It speaks the language of the emails.
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
  async show(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const linked = await this.preferences.contextOfLink(token, requestScope.current()?.requestId);
    if (!linked) return unusable(req, res);
    const { digest } = await this.preferences.get(linked.ctx);
    return renderDocument(<PreferencesPage view={viewOf(req, linked.locale)} current={digest} />);
  }

  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async submit(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const linked = await this.preferences.contextOfLink(token, requestScope.current()?.requestId);
    if (!linked) return unusable(req, res);
    const view = viewOf(req, linked.locale);
    const choice = body?.digest ?? (body?.['List-Unsubscribe'] === 'One-Click' ? 'off' : undefined);
    if (!isPreference(choice)) {
      res.status(400);
      const { digest } = await this.preferences.get(linked.ctx);
      return renderDocument(
        <PreferencesPage view={view} current={digest} problem={view.i18n.t('email.prefs.choose')} />,
      );
    }
    const { digest } = await this.preferences.set(linked.ctx, choice);
    return renderDocument(<PreferencesPage view={view} current={digest} saved={view.i18n.t(SAVED[digest])} />);
  }
}

/** The page's own path carries the token: the form posts back to it. */
function viewOf(req: Request, locale: Locale): View {
  return { i18n: translator(locale), path: req.originalUrl };
}

function isPreference(value: unknown): value is DigestPreference {
  return typeof value === 'string' && (DIGEST_PREFERENCES as readonly string[]).includes(value);
}

/** A link that is not genuine, or whose user is gone: nobody to ask, so the browser's language. */
function unusable(req: Request, res: Response): string {
  res.status(400);
  const view = viewOf(req, chooseLocale({ browser: req.acceptsLanguages(...LOCALES) }));
  return renderDocument(
    <Layout view={view} title={view.i18n.t('email.link.unusable')}>
      <Notice kind="error">{view.i18n.t('email.prefs.unusable')}</Notice>
    </Layout>,
  );
}

function PreferencesPage(props: { view: View; current: DigestPreference; problem?: string; saved?: string }) {
  const { view, current, problem } = props;
  const { t } = view.i18n;
  const errorId = `${fieldId('digest')}-error`;
  return (
    <Layout view={view} title={t('email.prefs.title')}>
      {props.saved ? <Notice>{props.saved}</Notice> : null}
      <PostForm view={view} action={view.path} class="narrow-form">
        <fieldset
          class={problem ? 'choices field-invalid' : 'choices'}
          aria-describedby={problem ? errorId : undefined}
        >
          <legend>{t('email.prefs.question')}</legend>
          {problem ? (
            <p class="field-error" id={errorId} role="alert">
              {problem}
            </p>
          ) : null}
          {DIGEST_PREFERENCES.map((value) => {
            const id = fieldId(`digest-${value}`);
            return (
              <div class="field field-check">
                <input id={id} type="radio" name="digest" value={value} checked={value === current} />
                <label for={id}>{t(CHOICES[value])}</label>
              </div>
            );
          })}
        </fieldset>
        <button type="submit" class="primary">
          {t('common.save')}
        </button>
      </PostForm>
    </Layout>
  );
}
