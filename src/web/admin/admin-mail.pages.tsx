import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { RolesOrNetworkAdmin } from '../../access/policy.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import type { Page } from '../../common/pagination.js';
import type { RequestContext } from '../../common/request-context.js';
import {
  OutboxQueryDto,
  type MailStatusResponse,
  type OutboxEmailResponse,
  type OutboxFilter,
} from '../../mail-admin/dto/mail-admin.dto.js';
import { MailAdminService } from '../../mail-admin/mail-admin.service.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { PostForm, Select } from '../../ui/components/form.js';
import { Pager } from '../../ui/components/pager.js';
import { Table } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import type { FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { backTo, readListQuery } from './admin-forms.js';
import { AdminLayout } from './admin-layout.js';

const MAIL = '/admin/mail';
/** Without a choice the list shows what needs an admin: failed emails. `all` lifts the filter. */
const DEFAULT_FILTER: OutboxFilter = 'failed';
const ALL = 'all';

export const FILTER_LABELS = {
  failed: 'admin.mail.status.failed',
  uncertain: 'admin.mail.status.uncertain',
  pending: 'admin.mail.status.pending',
  sending: 'admin.mail.status.sending',
  sent: 'admin.mail.status.sent',
  resent: 'admin.mail.status.resent',
} satisfies Record<OutboxFilter, MessageKey>;

/** Mail an admin can watch and mend (/admin/mail): the status figures, the outbox by status, retry and a test send. */
@WebController()
export class AdminMailPages {
  constructor(
    private readonly web: WebContext,
    private readonly mail: MailAdminService,
  ) {}

  @Get('admin/mail')
  @RolesOrNetworkAdmin('admin')
  @Html()
  async show(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const chosen = typeof query.status === 'string' && query.status !== '' ? query.status : DEFAULT_FILTER;
    const { dto, errors } = await readListQuery(
      OutboxQueryDto,
      { page: query.page, status: chosen === ALL ? undefined : chosen },
      ['page', 'status'],
      view.i18n,
    );
    if (errors) res.status(400);
    const [status, emails] = await Promise.all([this.mail.status(ctx, {}), this.mail.list(ctx, dto)]);
    return html(<MailPage view={view} status={status} emails={emails} filter={chosen} errors={errors} />);
  }

  @Post('admin/mail/test')
  @RolesOrNetworkAdmin('admin')
  async sendTest(@Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    await this.mail.sendTest(ctx, {});
    setFlash(res, 'admin.mail.testSent');
    res.redirect(303, MAIL);
  }

  @Post('admin/mail/:id/retry')
  @RolesOrNetworkAdmin('admin')
  async retry(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.mail.retry(ctx, id);
      setFlash(res, 'admin.mail.retried');
    } catch (error) {
      // Sent or retried meanwhile (another admin, another tab): said on the page, which shows its status now.
      if (!(error instanceof DomainError) || error.code !== ErrorCode.Conflict) throw error;
      setFlash(res, 'admin.mail.notRetryable', 'error');
    }
    res.redirect(303, backTo(body.back, MAIL));
  }
}

function MailPage(props: {
  view: View;
  status: MailStatusResponse;
  emails: Page<OutboxEmailResponse>;
  filter: string;
  errors?: FieldErrors;
}) {
  const { view, emails, filter } = props;
  const { t } = view.i18n;
  return (
    <AdminLayout
      view={view}
      title={t('admin.mail.title')}
      actions={
        <PostForm view={view} action={`${MAIL}/test`} class="inline-form">
          <button type="submit" class="secondary">
            {t('admin.mail.test')}
          </button>
        </PostForm>
      }
    >
      <MailStatus view={view} status={props.status} />
      <h2>{t('admin.mail.listTitle')}</h2>
      <form method="get" action={MAIL} class="filters" aria-label={t('admin.mail.filters')}>
        <Select
          name="status"
          label={t('admin.mail.filter')}
          options={[
            ...Object.entries(FILTER_LABELS).map(([value, key]) => ({ value, label: t(key) })),
            { value: ALL, label: t('admin.mail.status.all') },
          ]}
          value={filter}
          error={props.errors?.status}
        />
        <div class="filter-actions">
          <button type="submit" class="secondary">
            {t('common.filter')}
          </button>
        </div>
      </form>
      {emails.items.length === 0 ? (
        <EmptyState title={t(filter === DEFAULT_FILTER ? 'admin.mail.noFailures' : 'admin.mail.none')} />
      ) : (
        <Table
          view={view}
          caption={t('admin.mail.caption')}
          hideCaption
          rows={emails.items}
          rowId={(email) => `mail-${email.id}`}
          columns={[
            { label: t('admin.mail.written'), cell: (email) => when(view, email.createdAt) },
            { label: t('admin.mail.recipient'), cell: (email) => email.recipient },
            { label: t('admin.mail.subject'), cell: (email) => email.subject },
            {
              label: t('admin.mail.state'),
              cell: (email) => (
                <>
                  <span class={`tag mail-${email.status}`}>{t(FILTER_LABELS[email.status])}</span>{' '}
                  <span class="muted">{view.i18n.plural('admin.mail.attempts', email.attempts)}</span>
                </>
              ),
            },
            {
              label: t('admin.mail.lastError'),
              cell: (email) => (email.lastError ? <span class="mail-error">{email.lastError}</span> : '—'),
            },
            { label: t('admin.users.actions'), cell: (email) => <RetryButton view={view} email={email} /> },
          ]}
        />
      )}
      <Pager view={view} page={emails.page} pageSize={emails.limit} total={emails.total} />
    </AdminLayout>
  );
}

function RetryButton({ view, email }: { view: View; email: OutboxEmailResponse }) {
  const { t } = view.i18n;
  if (email.status !== 'failed' && email.status !== 'uncertain') return null;
  return (
    <PostForm view={view} action={`${MAIL}/${email.id}/retry`} class="inline-form">
      <input type="hidden" name="back" value={view.path} />
      <button
        type="submit"
        class="secondary"
        aria-label={t('admin.mail.retryEmail', { subject: email.subject, recipient: email.recipient })}
      >
        {t('admin.mail.retry')}
      </button>
    </PostForm>
  );
}

/** The figures of GET /api/v1/admin/mail/status, each count a link to its emails. */
function MailStatus({ view, status }: { view: View; status: MailStatusResponse }) {
  const { t } = view.i18n;
  const figures: { key: MessageKey; count: number; filter?: OutboxFilter; alarm?: boolean }[] = [
    { key: 'admin.mail.figure.failed', count: status.failed, filter: 'failed', alarm: status.failed > 0 },
    { key: 'admin.mail.figure.uncertain', count: status.uncertain, filter: 'uncertain', alarm: status.uncertain > 0 },
    { key: 'admin.mail.figure.pending', count: status.pending, filter: 'pending' },
    { key: 'admin.mail.figure.stalePending', count: status.stalePending, alarm: status.stalePending > 0 },
    { key: 'admin.mail.figure.sending', count: status.sending, filter: 'sending' },
    { key: 'admin.mail.figure.resent', count: status.resent, filter: 'resent' },
  ];
  return (
    <section class="card" aria-labelledby="mail-status">
      <h2 id="mail-status">{t('admin.mail.statusTitle')}</h2>
      <dl class="figures">
        {figures.map((figure) => (
          <div class={figure.alarm ? 'figure overdue' : 'figure'}>
            <dt>{t(figure.key)}</dt>
            <dd>
              {figure.filter ? (
                <a href={`${MAIL}?status=${figure.filter}`}>{view.i18n.number(figure.count)}</a>
              ) : (
                view.i18n.number(figure.count)
              )}
            </dd>
          </div>
        ))}
        <div class="figure">
          <dt>{t('admin.mail.figure.oldestPending')}</dt>
          <dd>{status.oldestPendingAt ? when(view, status.oldestPendingAt) : '—'}</dd>
        </div>
        <div class="figure">
          <dt>{t('admin.mail.figure.lastSent')}</dt>
          <dd>{status.lastSentAt ? when(view, status.lastSentAt) : t('admin.mail.neverSent')}</dd>
        </div>
      </dl>
    </section>
  );
}

function when(view: View, instant: string): string {
  return view.i18n.dateTime(instant, view.centre?.timezone ?? 'UTC');
}
