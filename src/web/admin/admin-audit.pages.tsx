import { Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles } from '../../access/policy.js';
import { AuditService } from '../../audit/audit.service.js';
import { AuditQueryDto, type AuditEventResponse } from '../../audit/dto/audit.dto.js';
import type { UserResponse } from '../../auth/dto/user-response.dto.js';
import type { Page } from '../../common/pagination.js';
import type { RequestContext } from '../../common/request-context.js';
import type { AuditAction } from '../../database/audit-event.entity.js';
import { UserQueryDto } from '../../users/dto/user.dto.js';
import { UsersService } from '../../users/users.service.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { Field, Select } from '../../ui/components/form.js';
import { Pager } from '../../ui/components/pager.js';
import { Table } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { isFiltered, pick, readListQuery } from './admin-forms.js';
import { AdminLayout } from './admin-layout.js';
import { auditChanges, recordName } from './audit-changes.js';

const AUDIT = '/admin/audit';
const FILTERS = ['entity', 'action', 'actor', 'from', 'to', 'sort', 'page'] as const;
/** The actor picker lists this many of the centre's users (by name); the trail of anyone else is still there unfiltered. */
const ACTOR_CHOICES = 100;

export const ACTION_LABELS = {
  create: 'admin.audit.action.create',
  update: 'admin.audit.action.update',
  delete: 'admin.audit.action.delete',
  read: 'admin.audit.action.read',
} satisfies Record<AuditAction, MessageKey>;

/** The entity types the trail records (CentreTx names them after the entity class), in a person's words. */
export const ENTITY_LABELS = {
  centre: 'admin.audit.entity.centre',
  user: 'admin.audit.entity.user',
  partner: 'admin.audit.entity.partner',
  contact: 'admin.audit.entity.contact',
  engagement: 'admin.audit.entity.engagement',
  advisory_board: 'admin.audit.entity.advisoryBoard',
  board_membership: 'admin.audit.entity.boardMembership',
  board_meeting: 'admin.audit.entity.boardMeeting',
  sid_campaign: 'admin.audit.entity.sidCampaign',
  sid_role: 'admin.audit.entity.sidRole',
  reminder: 'admin.audit.entity.reminder',
  outbox_email: 'admin.audit.entity.outboxEmail',
  outbox: 'admin.audit.entity.outbox',
} satisfies Record<string, MessageKey>;

/** The centre's audit trail (/admin/audit): GET /api/v1/audit with its filters, kept in the URL. */
@WebController()
export class AdminAuditPages {
  constructor(
    private readonly web: WebContext,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  @Get('admin/audit')
  @Roles('admin')
  @Html()
  async show(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const { dto, errors } = await readListQuery(AuditQueryDto, query, FILTERS, view.i18n);
    if (errors) res.status(400);
    const [events, people] = await Promise.all([
      this.audit.list(ctx, dto),
      this.users.list(ctx, Object.assign(new UserQueryDto(), { limit: ACTOR_CHOICES })),
    ]);
    return html(
      <AuditPage view={view} events={events} people={people.items} filters={pick(query, FILTERS)} errors={errors} />,
    );
  }
}

function AuditPage(props: {
  view: View;
  events: Page<AuditEventResponse>;
  people: UserResponse[];
  filters: FormBody;
  errors?: FieldErrors;
}) {
  const { view, events, people } = props;
  const { t } = view.i18n;
  const names = new Map(people.map((person) => [person.id, person.name]));
  const filtered = isFiltered(props.filters);
  return (
    <AdminLayout view={view} title={t('admin.audit.title')}>
      <p>{t('admin.audit.intro')}</p>
      <AuditFilters view={view} values={props.filters} errors={props.errors} people={people} />
      {events.items.length === 0 ? (
        <EmptyState title={t(filtered ? 'admin.audit.noneMatch' : 'admin.audit.none')} />
      ) : (
        <Table
          view={view}
          caption={t('admin.audit.caption')}
          hideCaption
          rows={events.items}
          rowId={(event) => `audit-${event.id}`}
          columns={[
            {
              label: t('admin.audit.when'),
              cell: (event) => view.i18n.dateTime(event.occurredAt, view.centre?.timezone ?? 'UTC'),
            },
            {
              label: t('admin.audit.who'),
              cell: (event) =>
                event.actorId ? (names.get(event.actorId) ?? shortId(event.actorId)) : t('admin.audit.system'),
            },
            { label: t('admin.audit.action'), cell: (event) => t(ACTION_LABELS[event.action]) },
            { label: t('admin.audit.what'), cell: (event) => <What view={view} event={event} /> },
            { label: t('admin.audit.changes'), cell: (event) => <Changes view={view} event={event} /> },
          ]}
        />
      )}
      <Pager view={view} page={events.page} pageSize={events.limit} total={events.total} />
    </AdminLayout>
  );
}

function entityLabel(view: View, type: string): string {
  const key = (ENTITY_LABELS as Record<string, MessageKey>)[type];
  return key ? view.i18n.t(key) : type;
}

function What({ view, event }: { view: View; event: AuditEventResponse }) {
  const name = recordName(event.before, event.after);
  return (
    <>
      {entityLabel(view, event.entityType)}
      {name ? <span class="audit-name"> · {name}</span> : <span class="muted"> · {shortId(event.entityId)}</span>}
    </>
  );
}

function Changes({ view, event }: { view: View; event: AuditEventResponse }) {
  const { t } = view.i18n;
  const { changes, more } = auditChanges(event.before, event.after);
  if (changes.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="audit-changes">
      {changes.map((change) => (
        <li>
          <code>{change.field}</code>{' '}
          {change.before !== undefined && change.after !== undefined
            ? t('admin.audit.changed', { before: change.before, after: change.after })
            : (change.after ?? change.before)}
        </li>
      ))}
      {more > 0 ? <li class="muted">{view.i18n.plural('admin.audit.more', more)}</li> : null}
    </ul>
  );
}

function AuditFilters(props: { view: View; values: FormBody; errors?: FieldErrors; people: UserResponse[] }) {
  const { view, values, errors } = props;
  const { t } = view.i18n;
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return (
    <form method="get" action={AUDIT} class="filters" role="search" aria-label={t('admin.audit.filters')}>
      <Select
        name="entity"
        label={t('admin.audit.what')}
        blank={t('common.any')}
        options={Object.keys(ENTITY_LABELS).map((type) => ({ value: type, label: entityLabel(view, type) }))}
        value={value('entity')}
        error={errors?.entity}
      />
      <Select
        name="action"
        label={t('admin.audit.action')}
        blank={t('common.any')}
        options={Object.entries(ACTION_LABELS).map(([action, key]) => ({ value: action, label: t(key) }))}
        value={value('action')}
        error={errors?.action}
      />
      <Select
        name="actor"
        label={t('admin.audit.who')}
        blank={t('common.any')}
        options={props.people.map((person) => ({ value: person.id, label: person.name }))}
        value={value('actor')}
        error={errors?.actor}
      />
      <Field name="from" type="date" label={t('admin.audit.from')} value={value('from')} error={errors?.from} />
      <Field name="to" type="date" label={t('admin.audit.to')} value={value('to')} error={errors?.to} />
      <Select
        name="sort"
        label={t('admin.audit.sort')}
        options={[
          { value: '-occurredAt', label: t('admin.audit.newestFirst') },
          { value: 'occurredAt', label: t('admin.audit.oldestFirst') },
        ]}
        value={value('sort') || '-occurredAt'}
        error={errors?.sort}
      />
      <div class="filter-actions">
        <button type="submit" class="secondary">
          {t('common.filter')}
        </button>
        <a href={AUDIT}>{t('common.clearFilters')}</a>
      </div>
    </form>
  );
}

function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}
