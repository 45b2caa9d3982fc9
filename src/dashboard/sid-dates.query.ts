import type { CentreTx } from '../database/centre-scope.js';
import { SidCampaign } from '../sid/sid.entity.js';

/** The SID dates the centre set itself for the years `from` … `to` (year → YYYY-MM-DD). */
export async function ownSidDates(tx: CentreTx, from: number, to: number): Promise<Map<number, string>> {
  const rows = await tx
    .select(SidCampaign, 's')
    .select('s.year', 'year')
    .addSelect('CAST(s.date AS text)', 'date')
    .andWhere('s.year BETWEEN :from AND :to AND s.date IS NOT NULL', { from, to })
    .getRawMany<{ year: number; date: string }>();
  return new Map(rows.map((row) => [Number(row.year), row.date]));
}
