import { Body, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { SignedIn } from '../../access/policy.js';
import { AccountService } from '../../auth/account.service.js';
import { ChangePasswordDto, UpdateMeDto, type MeResponse } from '../../auth/dto/auth.dto.js';
import { DIGEST_PREFERENCES, type DigestPreference } from '../../auth/user.entity.js';
import type { UserRole } from '../../common/domain-values.js';
import type { RequestContext } from '../../common/request-context.js';
import { PreferencesDto } from '../../digests/dto/preferences.dto.js';
import { PreferencesService } from '../../digests/preferences.service.js';
import { ChoiceGroup, ErrorSummary, Field, PostForm } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import { PASSWORD_MIN } from '../../auth/password.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';

const ACCOUNT = '/account';
/** "Browser's language" is no choice of one's own: the API's null. */
const BROWSER = 'browser';

const LANGUAGES = [
  { value: BROWSER, key: 'account.language.browser' },
  { value: 'en', key: 'account.language.en' },
  { value: 'fr', key: 'account.language.fr' },
] satisfies { value: string; key: MessageKey }[];

export const DIGEST_LABELS = {
  daily: 'account.digest.daily',
  weekly: 'account.digest.weekly',
  off: 'account.digest.off',
} satisfies Record<DigestPreference, MessageKey>;

const ROLE_LABELS = {
  admin: 'account.role.admin',
  manager: 'account.role.manager',
  coordinator: 'account.role.coordinator',
} satisfies Record<UserRole, MessageKey>;

type Section = 'profile' | 'digest' | 'password';

/** What the page shows after a submission that failed: that form's values and errors; the others as saved. */
interface Attempt {
  section: Section;
  values: FormBody;
  errors: FieldErrors;
}

/**
 * My account (/account), for everyone signed in: name and language (AccountService.updateMe, as PATCH
 * /api/v1/me), reminder email (PreferencesService, as PATCH /api/v1/me/preferences) and password
 * (AccountService.changePassword, as POST /api/v1/me/password). Three forms, each saved on its own.
 */
@WebController()
export class AccountPages {
  constructor(
    private readonly web: WebContext,
    private readonly account: AccountService,
    private readonly preferences: PreferencesService,
  ) {}

  @Get('account')
  @SignedIn()
  @Html()
  async show(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return this.render(ctx, await this.web.view(ctx, req, res));
  }

  @Post('account/profile')
  @SignedIn()
  @HttpCode(200)
  @Html()
  async saveProfile(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req, res);
    const language = text(body, 'locale');
    // The name is sent even blank (blank would otherwise mean "unchanged" and a cleared name silently stay).
    const form = await readForm(UpdateMeDto, {}, view.i18n, {
      extra: { name: text(body, 'name'), locale: language === BROWSER ? null : language },
    });
    if (form.ok) {
      await this.account.updateMe(ctx, form.dto);
      // The next page is in the language just chosen, so is its message.
      setFlash(res, 'common.flash.saved');
      return res.redirect(303, ACCOUNT);
    }
    res.status(400);
    return this.render(ctx, view, { section: 'profile', values: body, errors: form.errors });
  }

  @Post('account/digest')
  @SignedIn()
  @HttpCode(200)
  @Html()
  async saveDigest(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req, res);
    const form = await readForm(PreferencesDto, {}, view.i18n, { extra: { digest: text(body, 'digest') } });
    if (form.ok) {
      await this.preferences.set(ctx, form.dto.digest);
      setFlash(res, 'common.flash.saved');
      return res.redirect(303, ACCOUNT);
    }
    res.status(400);
    return this.render(ctx, view, { section: 'digest', values: body, errors: form.errors });
  }

  @Post('account/password')
  @SignedIn()
  @HttpCode(200)
  @Html()
  async changePassword(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req, res);
    const passwords = { currentPassword: raw(body, 'currentPassword'), newPassword: raw(body, 'newPassword') };
    const form = await readForm(ChangePasswordDto, {}, view.i18n, { extra: passwords });
    let errors: FieldErrors = form.ok ? {} : form.errors;
    // The confirmation is the page's own check: the API takes the new password once.
    if (!errors.newPassword && raw(body, 'confirmPassword') !== passwords.newPassword)
      errors.confirmPassword = view.i18n.t('account.password.mismatch');
    if (form.ok && Object.keys(errors).length === 0) {
      try {
        await this.account.changePassword(ctx, form.dto);
        setFlash(res, 'account.password.changed');
        return res.redirect(303, ACCOUNT);
      } catch (error) {
        const refused = domainFieldErrors(error, view.i18n, 'newPassword');
        if (!refused) throw error;
        errors = wrongCurrent(refused, view);
      }
    }
    res.status(400);
    // Passwords are never written back into the page.
    return this.render(ctx, view, { section: 'password', values: {}, errors });
  }

  private async render(ctx: RequestContext, view: View, attempt?: Attempt): Promise<string> {
    const [me, preferences] = await Promise.all([this.account.me(ctx, false), this.preferences.get(ctx)]);
    return html(<AccountPage view={view} me={me} digest={preferences.digest} attempt={attempt} />);
  }
}

/** The service says "currentPassword is not correct" in English; every page says it in its reader's language. */
function wrongCurrent(errors: FieldErrors, view: View): FieldErrors {
  return errors.currentPassword ? { ...errors, currentPassword: view.i18n.t('account.password.wrongCurrent') } : errors;
}

function text(body: FormBody, name: string): string {
  return raw(body, name).trim();
}

/** A field as sent (passwords keep their spaces). */
function raw(body: FormBody, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

function AccountPage(props: { view: View; me: MeResponse; digest: DigestPreference; attempt?: Attempt }) {
  const { view, me, attempt } = props;
  const { t } = view.i18n;
  const failed = (section: Section) => (attempt?.section === section ? attempt : undefined);
  const profile = failed('profile');
  const digest = failed('digest');
  const password = failed('password');
  const name = profile ? text(profile.values, 'name') : me.user.name;
  const language = profile ? text(profile.values, 'locale') : (me.user.locale ?? BROWSER);
  const chosenDigest = digest ? text(digest.values, 'digest') : props.digest;
  return (
    <Layout view={view} title={t('account.title')}>
      <p>
        {t('account.signedInAs', {
          email: me.user.email,
          role: t(ROLE_LABELS[me.user.role]),
          centre: me.centre.name,
        })}
      </p>

      <section class="card" aria-labelledby="account-profile">
        <h2 id="account-profile">{t('account.profile.title')}</h2>
        <ErrorSummary view={view} errors={profile?.errors} />
        <PostForm view={view} action={`${ACCOUNT}/profile`} class="narrow-form">
          <Field
            name="name"
            label={t('account.profile.name')}
            value={name}
            error={profile?.errors.name}
            required
            attrs={{ autocomplete: 'name' }}
          />
          <ChoiceGroup
            type="radio"
            name="locale"
            legend={t('account.language.title')}
            hint={t('account.language.hint')}
            options={LANGUAGES.map((choice) => ({ value: choice.value, label: t(choice.key) }))}
            checked={language}
            error={profile?.errors.locale}
          />
          <button type="submit" class="primary">
            {t('account.profile.submit')}
          </button>
        </PostForm>
      </section>

      <section class="card" aria-labelledby="account-digest">
        <h2 id="account-digest">{t('account.digest.title')}</h2>
        <ErrorSummary view={view} errors={digest?.errors} />
        <PostForm view={view} action={`${ACCOUNT}/digest`} class="narrow-form">
          <ChoiceGroup
            type="radio"
            name="digest"
            legend={t('account.digest.legend')}
            options={DIGEST_PREFERENCES.map((choice) => ({ value: choice, label: t(DIGEST_LABELS[choice]) }))}
            checked={chosenDigest}
            error={digest?.errors.digest}
          />
          <button type="submit" class="primary">
            {t('account.digest.submit')}
          </button>
        </PostForm>
      </section>

      <section class="card" aria-labelledby="account-password">
        <h2 id="account-password">{t('account.password.title')}</h2>
        <p class="hint">{t('account.password.intro')}</p>
        <ErrorSummary view={view} errors={password?.errors} />
        <PostForm view={view} action={`${ACCOUNT}/password`} class="narrow-form">
          <Field
            name="currentPassword"
            type="password"
            label={t('account.password.current')}
            error={password?.errors.currentPassword}
            required
            attrs={{ autocomplete: 'current-password' }}
          />
          <Field
            name="newPassword"
            type="password"
            label={t('account.password.new', { min: PASSWORD_MIN })}
            error={password?.errors.newPassword}
            required
            attrs={{ autocomplete: 'new-password', minlength: PASSWORD_MIN }}
          />
          <Field
            name="confirmPassword"
            type="password"
            label={t('account.password.confirm')}
            error={password?.errors.confirmPassword}
            required
            attrs={{ autocomplete: 'new-password' }}
          />
          <button type="submit" class="primary">
            {t('account.password.submit')}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}
