import type { CoverageResponse } from '../../boards/dto/board.dto.js';
import type { MemberResponse } from '../../boards/dto/board-member.dto.js';
import { Table } from '../../ui/components/table.js';
import type { View } from '../../ui/view.js';
import { sectorLabel } from './board-labels.js';

interface SectorRow {
  sector: string;
  required: boolean;
  /** As the coverage metric says (DESIGN.md): required, and no seat whose term covers the day holds it. */
  missing: boolean;
  members: MemberResponse[];
}

/** Required sectors first (in the centre's order), then other sectors current members bring. */
export function coverageRows(coverage: CoverageResponse, members: MemberResponse[]): SectorRow[] {
  const current = members.filter((m) => m.current);
  const sectors = [
    ...coverage.requiredSectors,
    ...coverage.coveredSectors.filter((s) => !coverage.requiredSectors.includes(s)),
  ];
  return sectors.map((sector) => ({
    sector,
    required: coverage.requiredSectors.includes(sector),
    missing: coverage.missingSectors.includes(sector),
    members: current.filter((m) => m.sector === sector),
  }));
}

/**
 * The sector-coverage matrix: each sector, whether the centre requires it, the current members covering it, and
 * a status in words ("Missing" is marked by its text and a framed label, not by colour alone).
 */
export function CoverageSection(props: { view: View; coverage: CoverageResponse; members: MemberResponse[] }) {
  const { view, coverage } = props;
  const { t, date, plural } = view.i18n;
  const rows = coverageRows(coverage, props.members);
  const missing = coverage.missingSectors.map((s) => sectorLabel(view, s));
  return (
    <section aria-labelledby="coverage">
      <h2 id="coverage">{t('boards.coverage.title')}</h2>
      {coverage.requiredSectors.length === 0 ? (
        <p class="muted">{t('boards.coverage.noneRequired')}</p>
      ) : missing.length === 0 ? (
        <p>{t('boards.coverage.allCovered')}</p>
      ) : (
        <p class="banner">{plural('boards.coverage.missingCount', missing.length, { sectors: missing.join(', ') })}</p>
      )}
      {rows.length > 0 ? (
        <Table
          view={view}
          id="coverage-matrix"
          caption={t('boards.coverage.caption', { date: date(coverage.asOf) })}
          columns={[
            { label: t('boards.column.sector'), cell: (r) => sectorLabel(view, r.sector) },
            {
              label: t('boards.coverage.required'),
              cell: (r) => (r.required ? t('common.yes') : t('common.no')),
            },
            {
              label: t('boards.coverage.coveredBy'),
              cell: (r) =>
                r.members.length > 0 ? (
                  <ul class="inline-list">
                    {r.members.map((m) => (
                      <li>
                        <a href={`/partners/${m.partnerId}`}>{m.partnerName}</a>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span class="muted">{t('boards.coverage.nobody')}</span>
                ),
            },
            {
              label: t('boards.column.status'),
              cell: (r) =>
                r.missing ? (
                  <strong class="coverage-missing">{t('boards.coverage.missing')}</strong>
                ) : (
                  t('boards.coverage.covered')
                ),
            },
          ]}
          rows={rows}
          rowClass={(r) => (r.missing ? 'sector-missing' : undefined)}
        />
      ) : null}
    </section>
  );
}
