import type { StreamableFile } from '@nestjs/common';
import { csvAttachment, type CsvColumn } from '../exports/csv-stream.js';
import type { AnnualReport, PartnerLine, ReportFigures } from './annual-report.service.js';

/** One row of the CSV: the centre's total, a sector, or a partner (the `section` column says which). */
interface ReportRow extends ReportFigures {
  section: 'total' | 'sector' | 'partner';
  partner?: PartnerLine;
  sector: string;
  partners: number;
}

/** Whether a partner was year-round, seasonal or not engaged in the year (empty on total and sector rows). */
function patternOf(row: ReportRow): string | null {
  if (!row.partner) return null;
  if (row.yearRound) return 'year_round';
  return row.seasonal ? 'seasonal' : 'not_engaged';
}

function columns(report: AnnualReport): CsvColumn<ReportRow>[] {
  return [
    { header: 'section', value: (r) => r.section },
    { header: 'sid_year', value: () => report.year },
    { header: 'sector', value: (r) => r.sector },
    { header: 'partner_id', value: (r) => r.partner?.id },
    { header: 'partner', value: (r) => r.partner?.name },
    { header: 'partners', value: (r) => r.partners },
    { header: 'engagements', value: (r) => r.engagements },
    { header: 'engaged', value: (r) => r.engaged },
    { header: 'year_round', value: (r) => r.yearRound },
    { header: 'seasonal', value: (r) => r.seasonal },
    { header: 'pattern', value: patternOf },
    { header: 'sid_roles', value: (r) => r.sidRoles },
    { header: 'sid_roles_delivered', value: (r) => r.sidRolesDelivered },
    { header: 'sid_role_list', value: (r) => r.partner?.roles.map((role) => `${role.role} (${role.status})`) },
    { header: 'board_seats', value: (r) => r.boardSeats },
    { header: 'retention_cohort', value: (r) => r.retentionCohort },
    { header: 'retained', value: (r) => r.retained },
  ];
}

/**
 * The annual report as one CSV: first the centre's total (`section` total), then one row per sector (sector), then
 * one per partner (partner, with its SID roles listed and its pattern). Counts on a partner row are 0 or 1 where
 * the figure counts partners (engaged, year_round, seasonal, retention_cohort, retained).
 */
export function annualReportCsv(report: AnnualReport): StreamableFile {
  const rows: ReportRow[] = [
    { section: 'total', ...report.total },
    ...report.sectors.map((line) => ({ section: 'sector' as const, ...line })),
    ...report.partners.map((partner) => ({ section: 'partner' as const, partner, partners: 1, ...partner })),
  ];
  return csvAttachment(`annual-report-${report.year}.csv`, columns(report), rows);
}
