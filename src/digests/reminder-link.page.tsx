import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/policy.js';
import { DomainError, ErrorCode } from '../common/errors.js';
import { statusOf } from '../common/problem.filter.js';
import { requestScope } from '../common/request-context.js';
import { Notice } from '../ui/components/flash.js';
import { ErrorSummary, Field, PostForm } from '../ui/components/form.js';
import { Layout } from '../ui/components/layout.js';
import { Rich } from '../ui/components/rich-text.js';
import type { MessageKey } from '../ui/i18n/catalogue.js';
import { chooseLocale, LOCALES, translator, type Locale } from '../ui/i18n/translator.js';
import { renderDocument } from '../ui/render.js';
import type { FieldErrors, View } from '../ui/view.js';
import { KIND_LABELS } from './kind-messages.js';
import { ReminderLinkService, type LinkedReminder, type LinkRefusal } from './reminder-link.service.js';

const REFUSALS = {
  invalid: 'email.link.invalid',
  expired: 'email.link.expired',
  inactive: 'email.link.inactive',
  notFound: 'email.link.notFound',
} satisfies Record<LinkRefusal['reason'], MessageKey>;

/**
 * `/r/<token>`: the "Mark done" and "Snooze a week" links of a digest. GET shows the reminder and a form and
 * changes nothing (mail scanners open links); the form's POST does it. The page speaks the digest's language.
 */
@ApiExcludeController()
@Controller('r')
@Public() // the signed token in the path is the credential; public routes skip the session CSRF check
export class ReminderLinkPage {
  constructor(private readonly links: ReminderLinkService) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Robots-Tag', 'noindex')
  async show(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const linked = await this.links.open(token, requestScope.current()?.requestId);
    if (linked.refused) return refusal(req, res, linked);
    return renderDocument(<Confirm view={viewOf(req, linked.locale)} reminder={linked} />);
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
    const until = typeof body?.until === 'string' ? body.until : undefined;
    let linked: LinkRefusal | LinkedReminder;
    try {
      linked = await this.links.perform(token, requestScope.current()?.requestId, until);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The reminder as it is now: the form again for a day the rules refuse, else why nothing changed.
      const now = await this.links.open(token, requestScope.current()?.requestId);
      if (now.refused) return refusal(req, res, now);
      res.status(statusOf(error.code));
      const view = viewOf(req, now.locale);
      if (error.code === ErrorCode.Invalid) {
        const errors = { until: view.i18n.t('email.link.untilInvalid') };
        return renderDocument(<Confirm view={view} reminder={now} until={until} errors={errors} />);
      }
      return renderDocument(
        <Layout view={view} title={view.i18n.t('email.link.cannotChange')}>
          <Describe view={view} reminder={now} />
        </Layout>,
      );
    }
    if (linked.refused) return refusal(req, res, linked);
    return renderDocument(<Result view={viewOf(req, linked.locale)} reminder={linked} />);
  }
}

/** The page's own path carries the token: its form posts back to it. */
function viewOf(req: Request, locale: Locale): View {
  return { i18n: translator(locale), path: req.originalUrl };
}

function refusal(req: Request, res: Response, linked: LinkRefusal): string {
  res.status(linked.status);
  const view = viewOf(req, linked.locale ?? chooseLocale({ browser: req.acceptsLanguages(...LOCALES) }));
  const { t } = view.i18n;
  return renderDocument(
    <Layout view={view} title={t('email.link.unusable')}>
      <Notice kind="error">{t(REFUSALS[linked.reason])}</Notice>
      {linked.reason === 'inactive' ? null : (
        <p>
          <a href="/reminders">{t('email.link.openReminders')}</a>
        </p>
      )}
    </Layout>,
  );
}

/** "Overdue for contact: Acme, due 1 March 2027. It is done." */
function Describe({ view, reminder: r }: { view: View; reminder: LinkedReminder }) {
  const { t, date } = view.i18n;
  const state =
    r.state === 'done'
      ? t('email.link.isDone')
      : r.state === 'cancelled'
        ? t('email.link.isCancelled')
        : r.state === 'snoozed' && r.snoozedUntil
          ? t('email.link.isSnoozed', { date: date(r.snoozedUntil) })
          : '';
  return (
    <p>
      <Rich
        text={t('email.link.describe')}
        parts={{ kind: <strong>{t(KIND_LABELS[r.kind])}</strong>, subject: r.subjectName, date: date(r.dueDate) }}
      />
      {state ? ` ${state}` : null}
    </p>
  );
}

/** The question, the reminder, and a form, unless there is nothing left to do. */
function Confirm(props: { view: View; reminder: LinkedReminder; until?: string; errors?: FieldErrors }) {
  const { view, reminder: r, errors } = props;
  const { t } = view.i18n;
  const open = r.state !== 'done' && r.state !== 'cancelled';
  return (
    <Layout view={view} title={t(r.action === 'done' ? 'email.link.doneQuestion' : 'email.link.snoozeQuestion')}>
      <ErrorSummary view={view} errors={errors} />
      <Describe view={view} reminder={r} />
      {open ? (
        <PostForm view={view} action={view.path} class="narrow-form">
          {r.action === 'snooze' ? (
            <Field
              name="until"
              type="date"
              label={t('email.link.until')}
              value={props.until ?? r.defaultUntil}
              error={errors?.until}
              required
            />
          ) : null}
          <button type="submit" class="primary">
            {t(r.action === 'done' ? 'email.digest.done' : 'email.link.snoozeButton')}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}

function Result({ view, reminder: r }: { view: View; reminder: LinkedReminder }) {
  const { t, date } = view.i18n;
  const done = r.state === 'done';
  return (
    <Layout view={view} title={t(done ? 'email.link.doneTitle' : 'email.link.snoozedTitle')}>
      <Notice>
        {done ? t('email.link.doneThanks') : t('email.link.snoozedUntil', { date: date(r.snoozedUntil ?? '') })}
      </Notice>
      <Describe view={view} reminder={r} />
    </Layout>
  );
}
