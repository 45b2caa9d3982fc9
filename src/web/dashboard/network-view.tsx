import type { NetworkCentre, NetworkDashboardResponse, RetentionYear } from '../../dashboard/dto/dashboard.dto.js';
import { ErrorSummary, Field } from '../../ui/components/form.js';
import { Layout } from '../../ui/components/layout.js';
import { Table, type Column } from '../../ui/components/table.js';
import type { FieldErrors, View } from '../../ui/view.js';

export interface NetworkFilters {
  asOf?: string;
  errors?: FieldErrors;
}

/** A row of the centres' table: a centre, or the network's total (rates over all its partners). */
type CentreRow = { total: false; centre: NetworkCentre } | { total: true; centre: NetworkDashboardResponse['total'] };

/** Every centre's headline figures, side by side, and the network's: no names of people or partners. */
export function NetworkPage(props: { view: View; filters: NetworkFilters; data?: NetworkDashboardResponse }) {
  const { view, filters, data } = props;
  const { t } = view.i18n;
  return (
    <Layout view={view} title={t('dashboard.network.title')}>
      <form method="get" action="/network" class="filters" aria-label={t('dashboard.pickers.label')}>
        <ErrorSummary view={view} errors={filters.errors} />
        <Field
          name="asOf"
          type="date"
          label={t('dashboard.pickers.asOf')}
          hint={t('dashboard.network.asOfHint')}
          value={filters.asOf}
          error={filters.errors?.asOf}
        />
        <div class="filter-actions">
          <button type="submit" class="primary">
            {t('dashboard.pickers.submit')}
          </button>
          <a href="/network">{t('dashboard.network.reset')}</a>
        </div>
      </form>
      {data ? <NetworkFigures view={view} data={data} /> : null}
    </Layout>
  );
}

function NetworkFigures({ view, data }: { view: View; data: NetworkDashboardResponse }) {
  const { t } = view.i18n;
  return (
    <>
      <p class="muted" id="network-as-of">
        {view.i18n.plural('dashboard.network.asOf', data.centres.length, { date: view.i18n.date(data.asOf) })}
      </p>
      <section aria-labelledby="network-centres-title">
        <h2 id="network-centres-title">{t('dashboard.network.centresTitle')}</h2>
        <CentresTable view={view} data={data} />
      </section>
      <section aria-labelledby="network-retention-title">
        <h2 id="network-retention-title">{t('dashboard.retention.title')}</h2>
        <p class="muted">{t('dashboard.retention.intro')}</p>
        <NetworkRetention view={view} centres={data.centres} />
      </section>
    </>
  );
}

function CentresTable({ view, data }: { view: View; data: NetworkDashboardResponse }) {
  const { t, number, percent } = view.i18n;
  const rows: CentreRow[] = [
    ...data.centres.map((centre): CentreRow => ({ total: false, centre })),
    { total: true, centre: data.total },
  ];
  const columns: Column<CentreRow>[] = [
    {
      label: t('dashboard.network.centre'),
      cell: (row) => (row.total ? <strong>{t('dashboard.network.total')}</strong> : row.centre.name),
    },
    { label: t('dashboard.network.country'), cell: (row) => (row.total ? '' : row.centre.country) },
    { label: t('dashboard.figures.partners'), numeric: true, cell: (row) => number(row.centre.partners) },
    { label: t('dashboard.sectors.engaged'), numeric: true, cell: (row) => number(row.centre.engaged) },
    { label: t('dashboard.figures.yearRound'), numeric: true, cell: (row) => percent(row.centre.yearRoundRate) },
    { label: t('dashboard.figures.seasonal'), numeric: true, cell: (row) => number(row.centre.seasonalCount) },
    { label: t('dashboard.figures.overdue'), numeric: true, cell: (row) => number(row.centre.overdueCount) },
    { label: t('dashboard.compliance.rate'), numeric: true, cell: (row) => percent(row.centre.complianceRate) },
  ];
  return (
    <Table
      view={view}
      caption={t('dashboard.network.centresCaption')}
      keepTable
      id="network-centres"
      rows={rows}
      columns={columns}
      rowClass={(row) => (row.total ? 'total-row' : undefined)}
    />
  );
}

/** Retention per centre and SID year: the years are those of any centre (a centre's own SID date may differ). */
function NetworkRetention({ view, centres }: { view: View; centres: NetworkCentre[] }) {
  const { t, number, percent } = view.i18n;
  const years = [...new Set(centres.flatMap((c) => c.retention.map((r) => r.sidYear)))].sort((a, b) => a - b);
  if (years.length === 0) return <p class="muted">{t('dashboard.retention.empty')}</p>;
  const cell = (retention: RetentionYear | undefined) =>
    retention && retention.cohort > 0
      ? t(retention.complete ? 'dashboard.network.retentionCell' : 'dashboard.network.retentionCellSoFar', {
          rate: percent(retention.rate),
          retained: number(retention.retained),
          cohort: number(retention.cohort),
        })
      : '—';
  return (
    <Table<NetworkCentre>
      view={view}
      caption={t('dashboard.network.retentionCaption')}
      keepTable
      rows={centres}
      columns={[
        { label: t('dashboard.network.centre'), cell: (c) => c.name },
        ...years.map((year): Column<NetworkCentre> => ({
          label: t('dashboard.sidYear', { year: String(year) }),
          numeric: true,
          cell: (c) => cell(c.retention.find((r) => r.sidYear === year)),
        })),
      ]}
    />
  );
}
