/** A seat's term: inclusive dates (YYYY-MM-DD); no end means open-ended. */
export interface Term {
  termStart: string;
  termEnd: string | null;
}

export interface SeatSector extends Term {
  sector: string;
}

export interface BoardCoverage {
  asOf: string;
  requiredSectors: string[];
  coveredSectors: string[];
  missingSectors: string[];
}

/** Whether a term covers `date`: started on or before it and not ended before it. ISO dates compare as strings. */
export function termCovers(term: Term, date: string): boolean {
  return term.termStart <= date && (term.termEnd === null || term.termEnd >= date);
}

/**
 * Board sector coverage (DESIGN.md "Metrics"): the sectors of the seats whose term covers `asOf`, against the
 * sectors the centre requires. Covered sectors come in the required order, then any others alphabetically;
 * missing sectors keep the required order.
 */
export function boardCoverage(
  requiredSectors: readonly string[],
  seats: readonly SeatSector[],
  asOf: string,
): BoardCoverage {
  const required = [...new Set(requiredSectors)];
  const present = new Set(seats.filter((seat) => termCovers(seat, asOf)).map((seat) => seat.sector));
  const requiredCovered = required.filter((sector) => present.has(sector));
  const others = [...present].filter((sector) => !required.includes(sector)).sort();
  return {
    asOf,
    requiredSectors: required,
    coveredSectors: [...requiredCovered, ...others],
    missingSectors: required.filter((sector) => !present.has(sector)),
  };
}
