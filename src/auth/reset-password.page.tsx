import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/policy.js';
import { DomainError } from '../common/errors.js';
import { requestScope } from '../common/request-context.js';
import { ErrorSummary, Field, PostForm } from '../ui/components/form.js';
import { Notice } from '../ui/components/flash.js';
import { Layout } from '../ui/components/layout.js';
import type { MessageKey } from '../ui/i18n/catalogue.js';
import { chooseLocale, LOCALES, translator, type Translator } from '../ui/i18n/translator.js';
import { renderDocument } from '../ui/render.js';
import type { FieldErrors, View } from '../ui/view.js';
import { PASSWORD_MAX, PASSWORD_MIN, PASSWORD_PROBLEMS, type PasswordProblem } from './password.js';
import { PasswordResetService } from './password-reset.service.js';

const PROBLEM_MESSAGES = {
  containsEmail: 'email.resetPage.containsEmail',
  containsName: 'email.resetPage.containsName',
  current: 'email.resetPage.current',
} satisfies Record<PasswordProblem, MessageKey>;

/**
 * The page an emailed "choose a new password" link opens: a plain form that works without JavaScript,
 * posting to the same service as POST /api/v1/auth/password-reset/confirm. Nobody is signed in: the page speaks
 * the browser's language, and the token in the form is the credential (no session, so no CSRF field).
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
  show(@Query('token') token: unknown, @Req() req: Request): string {
    return renderDocument(<ResetForm view={viewOf(req)} token={typeof token === 'string' ? token : ''} />);
  }

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async submit(
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = viewOf(req);
    const token = typeof body.token === 'string' ? body.token : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const confirm = typeof body.confirm === 'string' ? body.confirm : '';
    const errors = formErrors(view.i18n, password, confirm);
    if (errors) {
      res.status(400);
      return renderDocument(<ResetForm view={view} token={token} errors={errors} />);
    }
    try {
      await this.passwordReset.confirm(requestScope.current()?.requestId, token, password);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(400);
      // A password the rules refuse: the link is still good, so offer the form again.
      const refused = error.details.fields?.find((f) => f.field === 'password');
      if (refused) {
        const problem = passwordProblem(view.i18n, refused.message);
        return renderDocument(<ResetForm view={view} token={token} errors={{ password: problem }} />);
      }
      return renderDocument(<Unusable view={view} />);
    }
    return renderDocument(<Done view={view} />);
  }
}

function viewOf(req: Request): View {
  return {
    i18n: translator(chooseLocale({ browser: req.acceptsLanguages(...LOCALES) })),
    path: req.originalUrl,
  };
}

/** The checks the browser makes too (length, the same twice), before the link is tried. */
function formErrors(i18n: Translator, password: string, confirm: string): FieldErrors | undefined {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    return { password: i18n.t('common.reset.length', { min: PASSWORD_MIN, max: PASSWORD_MAX }) };
  if (password !== confirm) return { confirm: i18n.t('common.reset.mismatch') };
  return undefined;
}

/** A password rule's refusal ("password must not be the current password") in the reader's language. */
function passwordProblem(i18n: Translator, message: string): string {
  const known = (Object.keys(PASSWORD_PROBLEMS) as PasswordProblem[]).find((problem) =>
    message.endsWith(PASSWORD_PROBLEMS[problem]),
  );
  return known ? i18n.t(PROBLEM_MESSAGES[known]) : message;
}

function ResetForm({ view, token, errors }: { view: View; token: string; errors?: FieldErrors }) {
  const { t } = view.i18n;
  const lengths = { autocomplete: 'new-password', minlength: PASSWORD_MIN, maxlength: PASSWORD_MAX };
  return (
    <Layout view={view} title={t('common.reset.title')}>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action="/reset-password" class="narrow-form">
        <input type="hidden" name="token" value={token} />
        <Field
          name="password"
          type="password"
          label={t('common.reset.password', { min: PASSWORD_MIN })}
          error={errors?.password}
          required
          attrs={lengths}
        />
        <Field
          name="confirm"
          type="password"
          label={t('common.reset.confirm')}
          error={errors?.confirm}
          required
          attrs={lengths}
        />
        <button type="submit" class="primary">
          {t('common.reset.submit')}
        </button>
      </PostForm>
    </Layout>
  );
}

function Unusable({ view }: { view: View }) {
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('common.reset.unusable')}>
      <Notice kind="error">{t('email.resetPage.refused')}</Notice>
      <p>
        <a href="/forgot-password">{t('email.resetPage.askAgain')}</a>
      </p>
    </Layout>
  );
}

function Done({ view }: { view: View }) {
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('common.reset.done.title')}>
      <Notice>{t('common.reset.done.body')}</Notice>
      <p>
        <a href="/login">{t('common.login.title')}</a>
      </p>
    </Layout>
  );
}
