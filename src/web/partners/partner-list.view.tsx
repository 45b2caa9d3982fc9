import { PARTNER_TIERS } from '../../database/centre.entity.js';
import { PARTNER_STATUSES } from '../../common/domain-values.js';
import { localDate } from '../../common/dates.js';
import type { Page } from '../../common/pagination.js';
import { PARTNER_SORTS, type PartnerResponse, type PartnerSort } from '../../partners/dto/partner.dto.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { ErrorSummary, Field, Select } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Pager } from '../../ui/components/pager.js';
import { Table, type Column } from '../../ui/components/table.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { CentreFacts } from './partner-page.data.js';
import { labelOf, optionsOf, SECTOR_LABELS, STATUS_LABELS, TIER_LABELS } from './partner-labels.js';

/** The query names of the list's filters (the sort and the page are not filters: they keep the empty state). */
export const FILTER_NAMES = ['search', 'sector', 'tier', 'status', 'ownerId', 'tag', 'overdue', 'archived'] as const;

const SORT_LABELS = {
  name: 'partners.sort.name',
  '-name': 'partners.sort.-name',
  nextContactDue: 'partners.sort.nextContactDue',
  '-nextContactDue': 'partners.sort.-nextContactDue',
  lastEngagementAt: 'partners.sort.lastEngagementAt',
  '-lastEngagementAt': 'partners.sort.-lastEngagementAt',
  createdAt: 'partners.sort.createdAt',
  '-createdAt': 'partners.sort.-createdAt',
} as const satisfies Record<PartnerSort, MessageKey>;

export interface PartnerListProps {
  view: View;
  facts: CentreFacts;
  /** The filters as the URL gives them (text), to fill the form again. */
  values: Record<string, string>;
  /** Invalid filters: the list is not shown, the form says what is wrong. */
  errors?: FieldErrors;
  page?: Page<PartnerResponse>;
}

/** The CSV export of the partners these filters select (all of them, not one page). */
export function exportHref(values: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) if (values[name]) query.set(name, values[name]);
  const search = query.toString();
  return `/api/v1/export/partners.csv${search ? `?${search}` : ''}`;
}

/** GET /partners: the filters (a GET form, so the URL keeps them), the table and the pager. */
export function PartnerListPage(props: PartnerListProps) {
  const { view, page } = props;
  const { t } = view.i18n;
  const filtered = FILTER_NAMES.some((name) => props.values[name]);
  // A centre with no partner yet has nothing to filter: only the way to add the first one.
  const blank = page?.total === 0 && !filtered;
  // Managers and admins also tidy the list: duplicates to merge, a spreadsheet to import.
  const curates = view.user?.role === 'admin' || view.user?.role === 'manager';
  const addButtons = (
    <>
      {curates ? (
        <a class="button" href="/partners/import">
          {t('partners.list.import')}
        </a>
      ) : null}
      <a class="button primary" href="/partners/new">
        {t('partners.list.add')}
      </a>
    </>
  );
  return (
    <Layout
      view={view}
      title={t('partners.list.title')}
      actions={
        <>
          {curates ? (
            <a class="button" href="/partners/duplicates">
              {t('duplicates.link')}
            </a>
          ) : null}
          {blank || props.errors ? null : (
            <a class="button" href={exportHref(props.values)} download>
              {t('partners.list.export')}
            </a>
          )}
          {addButtons}
        </>
      }
    >
      <ErrorSummary view={view} errors={props.errors} />
      {blank ? null : <Filters {...props} />}
      {page ? (
        page.total === 0 ? (
          filtered ? (
            <EmptyState title={t('partners.list.noMatch')}>
              <p>
                <a href="/partners">{t('common.clearFilters')}</a>
              </p>
            </EmptyState>
          ) : (
            <EmptyState title={t('partners.list.empty')}>
              <p>{addButtons}</p>
            </EmptyState>
          )
        ) : (
          <>
            <PartnerTable view={view} facts={props.facts} partners={page.items} />
            <Pager view={view} page={page.page} pageSize={page.limit} total={page.total} />
          </>
        )
      ) : null}
    </Layout>
  );
}

function Filters({ view, facts, values, errors }: PartnerListProps) {
  const { t } = view.i18n;
  const any = t('common.any');
  return (
    <form method="get" action="/partners" class="filters" role="search" aria-label={t('partners.list.filters')}>
      <Field name="search" type="search" label={t('common.search')} value={values.search} error={errors?.search} />
      <Select
        name="sector"
        label={t('partners.field.sector')}
        blank={any}
        options={optionsOf(t, SECTOR_LABELS, facts.sectors)}
        value={values.sector}
        error={errors?.sector}
      />
      <Select
        name="tier"
        label={t('partners.field.tier')}
        blank={any}
        options={optionsOf(t, TIER_LABELS, PARTNER_TIERS)}
        value={values.tier}
        error={errors?.tier}
      />
      <Select
        name="status"
        label={t('partners.field.status')}
        blank={any}
        options={optionsOf(t, STATUS_LABELS, PARTNER_STATUSES)}
        value={values.status}
        error={errors?.status}
      />
      <Select
        name="ownerId"
        label={t('partners.field.owner')}
        blank={any}
        options={facts.colleagues.map((c) => ({ value: c.id, label: c.name }))}
        value={values.ownerId}
        error={errors?.ownerId}
      />
      <Field name="tag" label={t('partners.list.tag')} value={values.tag} error={errors?.tag} />
      <Select
        name="overdue"
        label={t('partners.list.contact')}
        blank={any}
        options={[
          { value: 'true', label: t('partners.list.overdueOnly') },
          { value: 'false', label: t('partners.list.notOverdue') },
        ]}
        value={values.overdue}
        error={errors?.overdue}
      />
      <Select
        name="archived"
        label={t('partners.list.which')}
        blank={t('partners.list.current')}
        options={[{ value: 'true', label: t('partners.list.archived') }]}
        value={values.archived}
        error={errors?.archived}
      />
      <Select
        name="sort"
        label={t('partners.list.sort')}
        options={PARTNER_SORTS.map((sort) => ({ value: sort, label: t(SORT_LABELS[sort]) }))}
        value={values.sort || 'name'}
        error={errors?.sort}
      />
      <div class="filter-actions">
        <button type="submit" class="primary">
          {t('common.filter')}
        </button>
        <a href="/partners">{t('common.clearFilters')}</a>
      </div>
    </form>
  );
}

function PartnerTable({ view, facts, partners }: { view: View; facts: CentreFacts; partners: PartnerResponse[] }) {
  const { t } = view.i18n;
  const owners = new Map(facts.colleagues.map((c) => [c.id, c.name]));
  const columns: Column<PartnerResponse>[] = [
    {
      label: t('partners.field.name'),
      cell: (p) => (
        <>
          <a href={`/partners/${p.id}`}>{p.name}</a>
          {p.archived ? <span class="tag">{t('partners.archived')}</span> : null}
        </>
      ),
    },
    { label: t('partners.field.owner'), cell: (p) => (p.ownerId ? (owners.get(p.ownerId) ?? '—') : '—') },
    { label: t('partners.field.sector'), cell: (p) => labelOf(t, SECTOR_LABELS, p.sector) },
    { label: t('partners.field.tier'), cell: (p) => labelOf(t, TIER_LABELS, p.tier) },
    { label: t('partners.lastContact'), cell: (p) => lastContact(view, p) },
    { label: t('partners.nextContactDue'), cell: (p) => <NextDue view={view} partner={p} /> },
  ];
  return (
    <Table
      view={view}
      caption={t('partners.list.caption')}
      hideCaption
      columns={columns}
      rows={partners}
      rowId={(p) => `partner-${p.id}`}
    />
  );
}

/** The date of the partner's last engagement in the centre's calendar, or "never". */
export function lastContact(view: View, partner: PartnerResponse): string {
  if (!partner.lastEngagementAt) return view.i18n.t('partners.never');
  return view.i18n.date(localDate(new Date(partner.lastEngagementAt), view.centre?.timezone ?? 'UTC'));
}

/** The next contact date, and "overdue" said in words (not by colour alone). */
export function NextDue({ view, partner }: { view: View; partner: PartnerResponse }) {
  return (
    <>
      {view.i18n.date(partner.nextContactDue)}
      {partner.overdue && !partner.archived ? (
        <>
          {' '}
          <strong class="overdue">{view.i18n.t('partners.overdue')}</strong>
        </>
      ) : null}
    </>
  );
}
