import { localDate } from '../../common/dates.js';
import { ENGAGEMENT_TYPES, type EngagementType } from '../../common/domain-values.js';
import type { Page } from '../../common/pagination.js';
import {
  LOGGABLE_TYPES,
  SID_YEAR_MAX,
  SID_YEAR_MIN,
  type EngagementResponse,
} from '../../engagements/dto/engagement.dto.js';
import { mayChangeEngagement } from '../../engagements/engagement-rights.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { ErrorSummary, Field, PostForm, Select, TextArea, type Option } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Pager } from '../../ui/components/pager.js';
import { Table, type Column } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { PartnerChoice, UserName } from './directory.js';
import type { EngagementFormValues } from './engagement-form.js';

export const TYPE_LABELS = {
  meeting: 'engagements.type.meeting',
  call: 'engagements.type.call',
  email: 'engagements.type.email',
  event: 'engagements.type.event',
  sid_activity: 'engagements.type.sid_activity',
  training: 'engagements.type.training',
  study_visit: 'engagements.type.study_visit',
  board_meeting: 'engagements.type.board_meeting',
  other: 'engagements.type.otherKind',
} satisfies Record<EngagementType, MessageKey>;

function typeOptions(view: View, types: readonly EngagementType[]): Option[] {
  return types.map((type) => ({ value: type, label: view.i18n.t(TYPE_LABELS[type]) }));
}

/** The list's filters as they are in the URL (strings, blank when not set). */
export interface EngagementFilters {
  partnerId: string;
  type: string;
  from: string;
  to: string;
  loggedById: string;
}

export const FILTER_NAMES = ['partnerId', 'type', 'from', 'to', 'loggedById'] as const;

export function hasFilters(filters: EngagementFilters): boolean {
  return FILTER_NAMES.some((name) => filters[name] !== '');
}

/** The CSV export of the engagements these filters select (all of them, not one page). */
export function exportHref(filters: EngagementFilters): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name] !== '') query.set(name, filters[name]);
  const search = query.toString();
  return `/api/v1/export/engagements.csv${search ? `?${search}` : ''}`;
}

/** Where "edit" and "delete" come back to: the list as it was (filters and page). */
export function editHref(id: string, back: string): string {
  return `/engagements/${id}/edit?back=${encodeURIComponent(back)}`;
}

export interface ListProps {
  view: View;
  filters: EngagementFilters;
  errors?: FieldErrors;
  page?: Page<EngagementResponse>;
  partners: PartnerChoice[];
  names: Map<string, PartnerChoice>;
  users: UserName[];
}

export function EngagementsListPage(props: ListProps) {
  const { view, page } = props;
  const { t } = view.i18n;
  return (
    <Layout
      view={view}
      title={t('engagements.list.title')}
      actions={
        page && page.total > 0 && !props.errors ? (
          <a class="button" href={exportHref(props.filters)} download>
            {t('engagements.list.export')}
          </a>
        ) : undefined
      }
    >
      <ErrorSummary view={view} errors={props.errors} />
      <Filters {...props} />
      {page && page.total > 0 ? (
        <>
          <EngagementsTable {...props} page={page} />
          <Pager view={view} page={page.page} pageSize={page.limit} total={page.total} />
        </>
      ) : page && hasFilters(props.filters) ? (
        <EmptyState title={t('engagements.noMatch.title')}>
          <p>
            <a href="/engagements">{t('common.clearFilters')}</a>
          </p>
        </EmptyState>
      ) : page ? (
        <EmptyState title={t('engagements.empty.title')}>
          <p>{t('engagements.empty.body')}</p>
          <p>
            <a href="/partners">{t('engagements.empty.partners')}</a>
          </p>
        </EmptyState>
      ) : null}
    </Layout>
  );
}

/** A GET form: the filters stay in the URL, so a filtered list can be bookmarked and shared. */
function Filters({ view, filters, errors, partners, names, users }: ListProps) {
  const { t } = view.i18n;
  const chosen = filters.partnerId ? names.get(filters.partnerId) : undefined;
  const partnerOptions = partners.map((p) => ({ value: p.id, label: p.name }));
  if (chosen && !partners.some((p) => p.id === chosen.id))
    partnerOptions.unshift({ value: chosen.id, label: chosen.name });
  return (
    <form method="get" action="/engagements" class="filters" aria-label={t('engagements.filters.label')}>
      <Select
        name="partnerId"
        label={t('engagements.field.partner')}
        options={partnerOptions}
        value={filters.partnerId}
        blank={t('common.any')}
        error={errors?.partnerId}
      />
      <Select
        name="type"
        label={t('engagements.field.type')}
        options={typeOptions(view, ENGAGEMENT_TYPES)}
        value={filters.type}
        blank={t('common.any')}
        error={errors?.type}
      />
      <Field name="from" type="date" label={t('engagements.field.from')} value={filters.from} error={errors?.from} />
      <Field name="to" type="date" label={t('engagements.field.to')} value={filters.to} error={errors?.to} />
      <Select
        name="loggedById"
        label={t('engagements.field.loggedBy')}
        options={users.map((u) => ({ value: u.id, label: u.name }))}
        value={filters.loggedById}
        blank={t('common.any')}
        error={errors?.loggedById}
      />
      <div class="filter-actions">
        <button type="submit" class="primary">
          {t('common.filter')}
        </button>
        {hasFilters(filters) ? <a href="/engagements">{t('common.clearFilters')}</a> : null}
      </div>
    </form>
  );
}

function EngagementsTable({ view, page, names, users }: ListProps & { page: Page<EngagementResponse> }) {
  const { t } = view.i18n;
  const timeZone = view.centre?.timezone ?? 'UTC';
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const actor = view.user ? { userId: view.user.id, role: view.user.role } : undefined;
  const changeable = (e: EngagementResponse) => mayChangeEngagement(actor, e.loggedById);
  const columns: Column<EngagementResponse>[] = [
    {
      label: t('engagements.field.date'),
      cell: (e) => <time dateTime={e.occurredAt}>{view.i18n.date(localDate(new Date(e.occurredAt), timeZone))}</time>,
    },
    { label: t('engagements.field.type'), cell: (e) => t(TYPE_LABELS[e.type]) },
    {
      label: t('engagements.field.partners'),
      cell: (e) => <PartnerLinks view={view} ids={e.partnerIds} names={names} />,
    },
    {
      label: t('engagements.field.summary'),
      cell: (e) => (
        <>
          {e.summary}
          {e.outcome ? <span class="muted engagement-outcome">{e.outcome}</span> : null}
        </>
      ),
    },
    {
      label: t('engagements.field.loggedBy'),
      cell: (e) => (e.loggedById ? (userName.get(e.loggedById) ?? '—') : t('engagements.loggedBy.nobody')),
    },
  ];
  if (page.items.some(changeable)) {
    columns.push({
      label: t('engagements.column.actions'),
      cell: (e) => (changeable(e) ? <RowActions view={view} engagement={e} /> : null),
    });
  }
  return (
    <Table
      view={view}
      caption={t('engagements.list.caption')}
      columns={columns}
      rows={page.items}
      rowId={(e) => `engagement-${e.id}`}
    />
  );
}

export function PartnerLinks(props: { view: View; ids: string[]; names: Map<string, PartnerChoice> }) {
  const known = props.ids.flatMap((id) => {
    const partner = props.names.get(id);
    return partner ? [partner] : [];
  });
  if (known.length === 0) return <span class="muted">{props.view.i18n.t('engagements.partner.unknown')}</span>;
  return (
    <ul class="inline-list">
      {known
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((partner) => (
          <li>
            <a href={`/partners/${partner.id}`}>{partner.name}</a>
          </li>
        ))}
    </ul>
  );
}

function RowActions({ view, engagement }: { view: View; engagement: EngagementResponse }) {
  const { t } = view.i18n;
  return (
    <div class="actions">
      <a
        class="button secondary"
        href={editHref(engagement.id, view.path)}
        aria-label={t('engagements.edit.label', { summary: engagement.summary })}
      >
        {t('common.edit')}
      </a>
      <PostForm view={view} action={`/engagements/${engagement.id}/delete`} class="inline-form">
        <input type="hidden" name="_back" value={view.path} />
        <button
          type="submit"
          class="danger"
          data-confirm={t('engagements.delete.confirm')}
          aria-label={t('engagements.delete.label', { summary: engagement.summary })}
        >
          {t('common.delete')}
        </button>
      </PostForm>
    </div>
  );
}

export interface EditProps {
  view: View;
  engagement: EngagementResponse;
  values: EngagementFormValues;
  errors?: FieldErrors;
  partners: PartnerChoice[];
  names: Map<string, PartnerChoice>;
  loggedBy: string;
  back: string;
}

export function EngagementEditPage(props: EditProps) {
  const { view, engagement, values, errors } = props;
  const { t } = view.i18n;
  const fromMeeting = engagement.boardMeetingId !== null;
  const timeZone = view.centre?.timezone ?? 'UTC';
  // The engagement's own partners stay choosable even when archived or past the choices' limit.
  const options = [
    ...engagement.partnerIds.flatMap((id) => {
      const partner = props.names.get(id);
      return partner && !props.partners.some((p) => p.id === id) ? [partner] : [];
    }),
    ...props.partners,
  ].map((p) => ({ value: p.id, label: p.name }));
  return (
    <Layout view={view} title={t('engagements.edit.title')}>
      <p class="muted">
        {t('engagements.edit.loggedOn', {
          name: props.loggedBy,
          date: view.i18n.date(localDate(new Date(engagement.createdAt), timeZone)),
        })}
      </p>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={`/engagements/${engagement.id}`} class="narrow-form">
        <input type="hidden" name="_back" value={props.back} />
        {fromMeeting ? (
          <div class="banner">
            <p>{t('engagements.edit.boardMeeting')}</p>
            <p>
              {t(TYPE_LABELS[engagement.type])} · {view.i18n.date(values.occurredAt)} ·{' '}
              <PartnerLinks view={view} ids={engagement.partnerIds} names={props.names} />
            </p>
          </div>
        ) : (
          <>
            <Select
              name="type"
              label={t('engagements.field.type')}
              options={typeOptions(view, LOGGABLE_TYPES)}
              value={values.type}
              required
              error={errors?.type}
            />
            <Field
              name="occurredAt"
              type="date"
              label={t('engagements.field.date')}
              value={values.occurredAt}
              required
              error={errors?.occurredAt}
            />
            <Select
              name="partnerIds"
              label={t('engagements.field.partners')}
              hint={t('engagements.field.partners.hint')}
              options={options}
              value={values.partnerIds}
              multiple
              required
              error={errors?.partnerIds}
              attrs={{ size: Math.min(8, Math.max(3, options.length)) }}
            />
          </>
        )}
        <TextArea
          name="summary"
          label={t('engagements.field.summary')}
          value={values.summary}
          rows={2}
          required
          error={errors?.summary}
        />
        <TextArea
          name="outcome"
          label={t('engagements.field.outcome')}
          optionalLabel={t('common.optional')}
          value={values.outcome}
          rows={2}
          error={errors?.outcome}
        />
        <TextArea
          name="notes"
          label={t('engagements.field.notes')}
          optionalLabel={t('common.optional')}
          value={values.notes}
          rows={4}
          error={errors?.notes}
        />
        <Field
          name="followUpAt"
          type="date"
          label={t('engagements.field.followUpAt')}
          hint={t('engagements.field.followUpAt.hint')}
          optionalLabel={t('common.optional')}
          value={values.followUpAt}
          error={errors?.followUpAt}
        />
        <Field
          name="sidYear"
          type="number"
          label={t('engagements.field.sidYear')}
          optionalLabel={t('common.optional')}
          value={values.sidYear}
          error={errors?.sidYear}
          attrs={{ min: SID_YEAR_MIN, max: SID_YEAR_MAX, inputmode: 'numeric' }}
        />
        <div class="actions">
          <button type="submit" class="primary">
            {t('common.save')}
          </button>
          <a href={props.back}>{t('common.cancel')}</a>
        </div>
      </PostForm>
    </Layout>
  );
}
