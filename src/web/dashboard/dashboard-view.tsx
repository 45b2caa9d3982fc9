import type { ComponentChildren } from 'preact';
import { localDate } from '../../common/dates.js';
import type {
  BoardCoverageDto,
  Compliance,
  DashboardResponse,
  OverduePartner,
  RetentionYear,
  SeasonalPartner,
  SectorActivity,
} from '../../dashboard/dto/dashboard.dto.js';
import { EmptyState } from '../../ui/components/empty-state.js';
import { ErrorSummary, Field, Select, type Option } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Table } from '../../ui/components/table.js';
import type { FieldErrors, View } from '../../ui/view.js';
import type { DashboardTableName } from '../../exports/dashboard-tables.js';
import { sectorLabel } from './labels.js';
import { MonthChart, MonthTable } from './month-chart.js';

/** The pickers as the reader filled them in (kept when refused), and why they were refused. */
export interface DashboardFilters {
  asOf?: string;
  ownerId?: string;
  errors?: FieldErrors;
}

export function DashboardPage(props: {
  view: View;
  filters: DashboardFilters;
  owners: Option[];
  data?: DashboardResponse;
}) {
  const { view, data } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('dashboard.title')}>
      <DashboardPickers view={view} filters={props.filters} owners={props.owners} />
      {data ? <DashboardFigures view={view} data={data} owners={props.owners} ownerId={props.filters.ownerId} /> : null}
    </Layout>
  );
}

/** The asOf and owner pickers: a GET form, so the figures' address can be bookmarked and shared. */
function DashboardPickers(props: { view: View; filters: DashboardFilters; owners: Option[] }) {
  const { view, filters } = props;
  const { t } = view.i18n;
  return (
    <form method="get" action="/dashboard" class="filters" aria-label={t('dashboard.pickers.label')}>
      <ErrorSummary view={view} errors={filters.errors} />
      <Field
        name="asOf"
        type="date"
        label={t('dashboard.pickers.asOf')}
        hint={t('dashboard.pickers.asOfHint')}
        value={filters.asOf}
        error={filters.errors?.asOf}
      />
      <Select
        name="ownerId"
        label={t('dashboard.pickers.owner')}
        blank={t('dashboard.pickers.everyone')}
        options={props.owners}
        value={filters.ownerId}
        error={filters.errors?.ownerId}
      />
      <div class="filter-actions">
        <button type="submit" class="primary">
          {t('dashboard.pickers.submit')}
        </button>
        <a href="/dashboard">{t('dashboard.pickers.reset')}</a>
      </div>
    </form>
  );
}

function DashboardFigures(props: { view: View; data: DashboardResponse; owners: Option[]; ownerId?: string }) {
  const { view, data } = props;
  const { t } = view.i18n;
  const owner = props.ownerId ? props.owners.find((o) => o.value === props.ownerId)?.label : undefined;
  const names = new Map(props.owners.map((o) => [o.value, o.label]));
  const csv = (table: DashboardTableName) => tableCsvHref(table, data, props.ownerId);
  return (
    <>
      <p class="muted" id="dashboard-as-of">
        {owner
          ? t('dashboard.asOfOwner', { date: view.i18n.date(data.asOf), owner })
          : t('dashboard.asOf', { date: view.i18n.date(data.asOf) })}
      </p>
      {data.partners.total === 0 ? (
        <EmptyState title={t('dashboard.empty.title')}>
          <p>
            {t('dashboard.empty.body')} <a href="/partners">{t('dashboard.empty.link')}</a>
          </p>
        </EmptyState>
      ) : null}
      <Headline view={view} data={data} />
      <AnnualReportLinks view={view} data={data} />
      <Section id="months" title={t('dashboard.months.title')} view={view} csv={csv('engagements-by-month')}>
        <p class="muted">{t('dashboard.months.intro')}</p>
        <MonthChart view={view} data={data} />
        <MonthTable view={view} data={data} />
      </Section>
      <Section id="retention" title={t('dashboard.retention.title')} view={view} csv={csv('retention')}>
        <p class="muted">{t('dashboard.retention.intro')}</p>
        <RetentionTable view={view} rows={data.retention} />
      </Section>
      <Section id="seasonal" title={t('dashboard.seasonal.title')} view={view} csv={csv('seasonal-partners')}>
        <SeasonalTable view={view} data={data} />
      </Section>
      <Section id="overdue" title={t('dashboard.overdue.title')} view={view} csv={csv('overdue-partners')}>
        <OverdueTable view={view} data={data} names={names} />
      </Section>
      <Section id="compliance" title={t('dashboard.compliance.title')} view={view} csv={csv('cadence-compliance')}>
        <ComplianceTable view={view} rows={data.compliance} />
      </Section>
      <Section id="sectors" title={t('dashboard.sectors.title')} view={view} csv={csv('sector-activity')}>
        <SectorTable view={view} rows={data.bySector} />
      </Section>
      <Section id="boards" title={t('dashboard.boards.title')} view={view} csv={csv('board-coverage')}>
        <BoardsTable view={view} rows={data.boards} />
      </Section>
    </>
  );
}

/** Where a table's CSV is: the same asOf (and owner) as the figures shown. */
function tableCsvHref(table: DashboardTableName, data: DashboardResponse, ownerId?: string): string {
  const query = new URLSearchParams({ asOf: data.asOf });
  if (ownerId) query.set('ownerId', ownerId);
  return `/api/v1/export/dashboard/${table}.csv?${query.toString()}`;
}

/** The SID year whose report a manager would print today: the last whose window has opened by asOf. */
function currentSidYear(data: DashboardResponse): number | undefined {
  return data.sidWindows.filter((window) => window.start <= data.asOf).at(-1)?.year;
}

function Section(props: {
  id: string;
  title: string;
  children: ComponentChildren;
  view: View;
  /** The CSV download of the section's table. */
  csv: string;
}) {
  const { t } = props.view.i18n;
  return (
    <section id={props.id} class="dashboard-section" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
      <p class="dashboard-download">
        <a href={props.csv} download aria-label={t('dashboard.downloadLabel', { table: props.title })}>
          {t('dashboard.download')}
        </a>
      </p>
    </section>
  );
}

/** Managers and admins: the annual partnership report of the current SID year, to print or as a CSV. */
function AnnualReportLinks({ view, data }: { view: View; data: DashboardResponse }) {
  const { t } = view.i18n;
  const year = currentSidYear(data);
  if (!year || (view.user?.role !== 'manager' && view.user?.role !== 'admin')) return null;
  const href = (format: string) => `/api/v1/reports/annual?year=${year}&format=${format}`;
  return (
    <p id="annual-report">
      <a href={href('html')}>{t('dashboard.annualReport', { year: String(year) })}</a>{' '}
      <a href={href('csv')} download aria-label={t('dashboard.annualReportCsvLabel', { year: String(year) })}>
        {t('dashboard.annualReportCsv')}
      </a>
    </p>
  );
}

/** The headline figures, each with what it is out of. */
function Headline({ view, data }: { view: View; data: DashboardResponse }) {
  const { t, number, percent } = view.i18n;
  return (
    <dl class="figures">
      <Figure id="figure-partners" label={t('dashboard.figures.partners')} value={number(data.partners.total)}>
        {t('dashboard.figures.partnersNote', { engaged: data.partners.engaged })}
      </Figure>
      <Figure id="figure-year-round" label={t('dashboard.figures.yearRound')} value={percent(data.yearRound.rate)}>
        {t('dashboard.figures.yearRoundNote', { yearRound: data.yearRound.yearRound, engaged: data.yearRound.engaged })}
      </Figure>
      <Figure id="figure-seasonal" label={t('dashboard.figures.seasonal')} value={number(data.seasonal.count)}>
        {t('dashboard.figures.seasonalNote')}
      </Figure>
      <Figure id="figure-overdue" label={t('dashboard.figures.overdue')} value={number(data.overdue.count)}>
        {t('dashboard.figures.overdueNote')}
      </Figure>
    </dl>
  );
}

function Figure(props: { id: string; label: string; value: string; children: ComponentChildren }) {
  return (
    <div class="card figure" id={props.id}>
      <dt>{props.label}</dt>
      <dd class="figure-value">{props.value}</dd>
      <dd class="muted">{props.children}</dd>
    </div>
  );
}

function RetentionTable({ view, rows }: { view: View; rows: RetentionYear[] }) {
  const { t, number, percent } = view.i18n;
  if (rows.length === 0) return <p class="muted">{t('dashboard.retention.empty')}</p>;
  return (
    <Table
      view={view}
      caption={t('dashboard.retention.caption')}
      keepTable
      id="retention-table"
      rows={rows}
      columns={[
        { label: t('dashboard.retention.year'), cell: (r) => t('dashboard.sidYear', { year: String(r.sidYear) }) },
        { label: t('dashboard.retention.cohort'), numeric: true, cell: (r) => number(r.cohort) },
        { label: t('dashboard.retention.retained'), numeric: true, cell: (r) => number(r.retained) },
        { label: t('dashboard.retention.rate'), numeric: true, cell: (r) => percent(r.rate) },
        {
          label: t('dashboard.retention.complete'),
          cell: (r) => (r.complete ? t('dashboard.retention.final') : t('dashboard.retention.soFar')),
        },
      ]}
    />
  );
}

function SeasonalTable({ view, data }: { view: View; data: DashboardResponse }) {
  const { t } = view.i18n;
  const { items, count } = data.seasonal;
  if (count === 0)
    return (
      <p class="muted">
        {t(data.yearRound.engaged === 0 ? 'dashboard.seasonal.noneEngaged' : 'dashboard.seasonal.none')}
      </p>
    );
  const timezone = data.centre.timezone;
  return (
    <>
      <p class="muted">{t('dashboard.seasonal.intro')}</p>
      <Table<SeasonalPartner>
        view={view}
        caption={t('dashboard.seasonal.caption')}
        rows={items}
        columns={[
          { label: t('dashboard.column.partner'), cell: (p) => <a href={`/partners/${p.id}`}>{p.name}</a> },
          { label: t('dashboard.column.sector'), cell: (p) => sectorLabel(view.i18n, p.sector) },
          {
            label: t('dashboard.seasonal.last'),
            cell: (p) => view.i18n.date(localDate(new Date(p.lastEngagementAt), timezone)),
          },
        ]}
      />
      {count > items.length ? <p class="muted">{t('dashboard.list.more', { shown: items.length, count })}</p> : null}
    </>
  );
}

function OverdueTable(props: { view: View; data: DashboardResponse; names: Map<string, string> }) {
  const { view, data, names } = props;
  const { t, number } = view.i18n;
  const { items, count } = data.overdue;
  if (count === 0) return <p class="muted">{t('dashboard.overdue.none')}</p>;
  return (
    <>
      <Table<OverduePartner>
        view={view}
        caption={t('dashboard.overdue.caption')}
        rows={items}
        columns={[
          { label: t('dashboard.column.partner'), cell: (p) => <a href={`/partners/${p.id}`}>{p.name}</a> },
          {
            label: t('dashboard.overdue.owner'),
            cell: (p) => (p.ownerId ? (names.get(p.ownerId) ?? '') : t('dashboard.overdue.noOwner')),
          },
          { label: t('dashboard.overdue.due'), cell: (p) => view.i18n.date(p.nextContactDue) },
          { label: t('dashboard.overdue.days'), numeric: true, cell: (p) => number(p.daysOverdue) },
        ]}
      />
      <p>
        {count > items.length ? `${t('dashboard.list.more', { shown: items.length, count })} ` : null}
        <a href="/partners?overdue=true">{t('dashboard.overdue.all')}</a>
      </p>
    </>
  );
}

function ComplianceTable({ view, rows }: { view: View; rows: Compliance[] }) {
  const { t, number, percent } = view.i18n;
  if (rows.length === 0) return <p class="muted">{t('dashboard.compliance.none')}</p>;
  return (
    <>
      <p class="muted">{t('dashboard.compliance.intro')}</p>
      <Table<Compliance>
        view={view}
        caption={t('dashboard.compliance.caption')}
        keepTable
        rows={rows}
        columns={[
          { label: t('dashboard.compliance.owner'), cell: (r) => r.name },
          { label: t('dashboard.compliance.owned'), numeric: true, cell: (r) => number(r.owned) },
          { label: t('dashboard.compliance.notOverdue'), numeric: true, cell: (r) => number(r.notOverdue) },
          { label: t('dashboard.compliance.rate'), numeric: true, cell: (r) => percent(r.owned > 0 ? r.rate : null) },
        ]}
      />
    </>
  );
}

function SectorTable({ view, rows }: { view: View; rows: SectorActivity[] }) {
  const { t, number, percent } = view.i18n;
  return (
    <Table<SectorActivity>
      view={view}
      caption={t('dashboard.sectors.caption')}
      keepTable
      id="sector-table"
      rows={rows}
      columns={[
        { label: t('dashboard.column.sector'), cell: (r) => sectorLabel(view.i18n, r.sector) },
        { label: t('dashboard.sectors.partners'), numeric: true, cell: (r) => number(r.partners) },
        { label: t('dashboard.sectors.engaged'), numeric: true, cell: (r) => number(r.engaged) },
        { label: t('dashboard.sectors.yearRound'), numeric: true, cell: (r) => number(r.yearRound) },
        {
          label: t('dashboard.sectors.rate'),
          numeric: true,
          cell: (r) => percent(r.engaged > 0 ? r.yearRound / r.engaged : null),
        },
      ]}
    />
  );
}

function BoardsTable({ view, rows }: { view: View; rows: BoardCoverageDto[] }) {
  const { t } = view.i18n;
  if (rows.length === 0)
    return (
      <p class="muted">
        {t('dashboard.boards.none')} <a href="/advisory-boards">{t('dashboard.boards.link')}</a>
      </p>
    );
  const list = (sectors: string[]) =>
    sectors.length === 0 ? '—' : sectors.map((s) => sectorLabel(view.i18n, s)).join(', ');
  return (
    <Table<BoardCoverageDto>
      view={view}
      caption={t('dashboard.boards.caption')}
      rows={rows}
      columns={[
        { label: t('dashboard.boards.board'), cell: (b) => <a href={`/advisory-boards/${b.id}`}>{b.name}</a> },
        { label: t('dashboard.boards.covered'), cell: (b) => list(b.coveredSectors) },
        {
          label: t('dashboard.boards.missing'),
          cell: (b) =>
            b.missingSectors.length === 0 ? (
              t('dashboard.boards.allCovered')
            ) : (
              <span class="overdue">{list(b.missingSectors)}</span>
            ),
        },
      ]}
    />
  );
}
