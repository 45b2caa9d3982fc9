import type { StreamableFile } from '@nestjs/common';
import type { DashboardResponse } from '../dashboard/dto/dashboard.dto.js';
import { csvAttachment, type CsvColumn } from './csv-stream.js';

/** One dashboard table as a CSV download: its header row and its rows from the dashboard's answer. */
interface DashboardTable {
  headers: string[];
  download: (filename: string, data: DashboardResponse) => StreamableFile;
}

function table<T>(rows: (data: DashboardResponse) => T[], columns: CsvColumn<T>[]): DashboardTable {
  return {
    headers: columns.map((column) => column.header),
    download: (filename, data) => csvAttachment(filename, columns, rows(data)),
  };
}

/**
 * The tables of GET /dashboard by their download names (`/export/dashboard/{name}.csv`), in the page's order,
 * each with the fields of its JSON rows in snake_case. Rates are fractions from 0 to 1, empty when undefined.
 */
export const DASHBOARD_TABLES = {
  'engagements-by-month': table(
    (d) => d.engagementsByMonth,
    [
      { header: 'month', value: (r) => r.month },
      { header: 'type', value: (r) => r.type },
      { header: 'count', value: (r) => r.count },
    ],
  ),
  retention: table(
    (d) => d.retention,
    [
      { header: 'sid_year', value: (r) => r.sidYear },
      { header: 'cohort', value: (r) => r.cohort },
      { header: 'retained', value: (r) => r.retained },
      { header: 'rate', value: (r) => r.rate },
      { header: 'complete', value: (r) => r.complete },
    ],
  ),
  'seasonal-partners': table(
    (d) => d.seasonal.items,
    [
      { header: 'id', value: (r) => r.id },
      { header: 'name', value: (r) => r.name },
      { header: 'sector', value: (r) => r.sector },
      { header: 'last_engagement_at', value: (r) => r.lastEngagementAt },
    ],
  ),
  'overdue-partners': table(
    (d) => d.overdue.items,
    [
      { header: 'id', value: (r) => r.id },
      { header: 'name', value: (r) => r.name },
      { header: 'owner_id', value: (r) => r.ownerId },
      { header: 'next_contact_due', value: (r) => r.nextContactDue },
      { header: 'days_overdue', value: (r) => r.daysOverdue },
    ],
  ),
  'cadence-compliance': table(
    (d) => d.compliance,
    [
      { header: 'user_id', value: (r) => r.userId },
      { header: 'name', value: (r) => r.name },
      { header: 'owned', value: (r) => r.owned },
      { header: 'not_overdue', value: (r) => r.notOverdue },
      { header: 'rate', value: (r) => r.rate },
    ],
  ),
  'sector-activity': table(
    (d) => d.bySector,
    [
      { header: 'sector', value: (r) => r.sector },
      { header: 'partners', value: (r) => r.partners },
      { header: 'engaged', value: (r) => r.engaged },
      { header: 'year_round', value: (r) => r.yearRound },
    ],
  ),
  'board-coverage': table(
    (d) => d.boards,
    [
      { header: 'id', value: (r) => r.id },
      { header: 'name', value: (r) => r.name },
      { header: 'required_sectors', value: (r) => r.requiredSectors },
      { header: 'covered_sectors', value: (r) => r.coveredSectors },
      { header: 'missing_sectors', value: (r) => r.missingSectors },
    ],
  ),
} satisfies Record<string, DashboardTable>;

export type DashboardTableName = keyof typeof DASHBOARD_TABLES;

export const DASHBOARD_TABLE_NAMES = Object.keys(DASHBOARD_TABLES) as DashboardTableName[];

export function isDashboardTable(name: string): name is DashboardTableName {
  return Object.hasOwn(DASHBOARD_TABLES, name);
}
