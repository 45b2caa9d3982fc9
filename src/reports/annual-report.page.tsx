import type { ComponentChildren } from 'preact';
import { ASSETS } from '../ui/components/layout.js';
import { catalogues, type MessageKey } from '../ui/i18n/catalogue.js';
import { translator, type Locale, type Translator } from '../ui/i18n/translator.js';
import { renderDocument } from '../ui/render.js';
import type { AnnualReport, PartnerLine, SectorLine } from './annual-report.service.js';

/**
 * The printed page: A4 with margins; each section starts a page; a table's header row repeats on every page it
 * spans (thead), and a row is never split across pages. On screen it reads as a plain document. Captions are for
 * screen readers only: the section's heading above says the same.
 */
const PRINT_CSS = `
@page { size: A4; margin: 16mm 14mm; }
html { font: 11pt/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
body { max-width: 190mm; margin: 0 auto; padding: 1rem; }
.title-page { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; }
.title-page h1 { font-size: 24pt; margin: 0 0 0.5rem; }
.title-page .centre { font-size: 16pt; margin: 0 0 2rem; }
.report-section { break-before: page; page-break-before: always; }
h2 { font-size: 16pt; margin: 1.5rem 0 0.75rem; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #767676; padding: 0.2rem 0.35rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #4a4a4a; }
@media print { body { max-width: none; padding: 0; } .title-page { min-height: 240mm; } }
`;

/** A column of a report table: its heading and its cell, numbers aligned right. */
interface Column<Row> {
  label: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

function ReportTable<Row>(props: { caption: string; columns: Column<Row>[]; rows: Row[]; id: string }) {
  return (
    <table id={props.id}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col" class={column.numeric ? 'num' : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            {props.columns.map((column) => (
              <td class={column.numeric ? 'num' : undefined}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A catalogue label (`prefix` + name) where the catalogue has one; a centre's own sector keeps its name. */
function labelOf(i18n: Translator, prefix: string, name: string, other?: MessageKey): string {
  if (name === 'other' && other) return i18n.t(other);
  const key = `${prefix}${name}`;
  return Object.hasOwn(catalogues.en, key) ? i18n.t(key as MessageKey) : name.replace(/_/g, ' ');
}

const sectorLabel = (i18n: Translator, sector: string) =>
  labelOf(i18n, 'dashboard.sector.', sector, 'dashboard.sector.otherSector');

function patternLabel(i18n: Translator, partner: PartnerLine): string {
  if (partner.yearRound) return i18n.t('reports.pattern.yearRound');
  return i18n.t(partner.seasonal ? 'reports.pattern.seasonal' : 'reports.pattern.none');
}

/**
 * The annual partnership report as a standalone printable document: no navigation, no scripts; a title page
 * with the centre and the year, then Totals, By sector and By partner, each on a new page.
 */
export function AnnualReportDocument({ report, i18n }: { report: AnnualReport; i18n: Translator }) {
  const { t, number, date } = i18n;
  const title = t('reports.annual.documentTitle', { centre: report.centre.name, year: String(report.year) });
  const yesNo = (value: number) => t(value ? 'reports.yes' : 'reports.no');
  const figures: Column<SectorLine>[] = [
    { label: t('reports.column.partners'), numeric: true, cell: (l) => number(l.partners) },
    { label: t('reports.column.engagements'), numeric: true, cell: (l) => number(l.engagements) },
    { label: t('reports.column.engaged'), numeric: true, cell: (l) => number(l.engaged) },
    { label: t('reports.column.yearRound'), numeric: true, cell: (l) => number(l.yearRound) },
    { label: t('reports.column.seasonal'), numeric: true, cell: (l) => number(l.seasonal) },
    { label: t('reports.column.sidRoles'), numeric: true, cell: (l) => number(l.sidRoles) },
    { label: t('reports.column.delivered'), numeric: true, cell: (l) => number(l.sidRolesDelivered) },
    { label: t('reports.column.boardSeats'), numeric: true, cell: (l) => number(l.boardSeats) },
    { label: t('reports.column.cohort'), numeric: true, cell: (l) => number(l.retentionCohort) },
    { label: t('reports.column.retained'), numeric: true, cell: (l) => number(l.retained) },
  ];
  return (
    <html lang={i18n.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href={ASSETS.icon} type="image/svg+xml" />
        <style>{PRINT_CSS}</style>
      </head>
      <body>
        <main>
          <header class="title-page">
            <h1>{t('reports.annual.title')}</h1>
            <p class="centre">{report.centre.name}</p>
            <p>
              <strong>{t('reports.annual.sidYear', { year: String(report.year) })}</strong>
            </p>
            <p>
              {t(report.complete ? 'reports.annual.period' : 'reports.annual.periodRunning', {
                from: date(report.from),
                to: date(report.to),
              })}
            </p>
            <p>
              {t('reports.annual.window', {
                start: date(report.window.start),
                end: date(report.window.end),
                date: date(report.window.date),
              })}
            </p>
            <p class="muted">{t('reports.annual.definitions')}</p>
          </header>
          <Section id="totals" title={t('reports.annual.totals')}>
            <ReportTable
              id="totals-table"
              caption={t('reports.annual.totals')}
              rows={figures}
              columns={[
                { label: t('reports.column.figure'), cell: (column) => column.label },
                { label: t('reports.column.value'), numeric: true, cell: (column) => column.cell(report.total) },
              ]}
            />
          </Section>
          <Section id="sectors" title={t('reports.annual.bySector')}>
            <ReportTable
              id="sectors-table"
              caption={t('reports.annual.bySector')}
              rows={report.sectors}
              columns={[{ label: t('reports.column.sector'), cell: (l) => sectorLabel(i18n, l.sector) }, ...figures]}
            />
          </Section>
          <Section id="partners" title={t('reports.annual.byPartner')}>
            {report.partners.length === 0 ? (
              <p>{t('reports.annual.noPartners')}</p>
            ) : (
              <ReportTable<PartnerLine>
                id="partners-table"
                caption={t('reports.annual.byPartner')}
                rows={report.partners}
                columns={[
                  { label: t('reports.column.partner'), cell: (p) => p.name },
                  { label: t('reports.column.sector'), cell: (p) => sectorLabel(i18n, p.sector) },
                  { label: t('reports.column.engagements'), numeric: true, cell: (p) => number(p.engagements) },
                  { label: t('reports.column.pattern'), cell: (p) => patternLabel(i18n, p) },
                  {
                    label: t('reports.column.sidRoles'),
                    cell: (p) =>
                      p.roles
                        .map((r) =>
                          t('reports.roleStatus', {
                            role: labelOf(i18n, 'sid.role.', r.role, 'sid.role.otherRole'),
                            status: labelOf(i18n, 'sid.status.', r.status),
                          }),
                        )
                        .join(', '),
                  },
                  { label: t('reports.column.boardSeats'), numeric: true, cell: (p) => number(p.boardSeats) },
                  { label: t('reports.column.cohort'), cell: (p) => yesNo(p.retentionCohort) },
                  { label: t('reports.column.retained'), cell: (p) => yesNo(p.retained) },
                ]}
              />
            )}
          </Section>
        </main>
      </body>
    </html>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={props.id} class="report-section" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** The report as an HTML document in `locale`. */
export function renderAnnualReport(report: AnnualReport, locale: Locale): string {
  return renderDocument(<AnnualReportDocument report={report} i18n={translator(locale)} />);
}
