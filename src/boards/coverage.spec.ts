import { describe, expect, it } from '@jest/globals';
import { boardCoverage, termCovers, type SeatSector } from './coverage.js';

const seat = (sector: string, termStart: string, termEnd: string | null = null): SeatSector => ({
  sector,
  termStart,
  termEnd,
});

describe('termCovers', () => {
  it.each([
    ['starts that day', '2026-03-01', null, '2026-03-01', true],
    ['starts the next day', '2026-03-02', null, '2026-03-01', false],
    ['open-ended, long after the start', '2020-01-01', null, '2030-12-31', true],
    ['ends that day', '2025-01-01', '2026-03-01', '2026-03-01', true],
    ['ended the day before', '2025-01-01', '2026-02-28', '2026-03-01', false],
    ['one-day term, that day', '2026-03-01', '2026-03-01', '2026-03-01', true],
    ['across a year end', '2025-12-31', '2026-01-01', '2026-01-01', true],
  ])('%s', (_case, termStart, termEnd, date, expected) => {
    expect(termCovers({ termStart, termEnd }, date)).toBe(expected);
  });
});

describe('boardCoverage', () => {
  const asOf = '2026-03-01';

  it.each<[string, string[], SeatSector[], string[], string[]]>([
    ['no requirement, no seats', [], [], [], []],
    ['nothing required: covered sectors still listed', [], [seat('media', '2025-01-01')], ['media'], []],
    ['every required sector missing on an empty board', ['industry', 'education'], [], [], ['industry', 'education']],
    [
      'covered in the required order, then others alphabetically',
      ['ngo', 'industry', 'education'],
      [
        seat('media', '2025-01-01'),
        seat('industry', '2025-01-01'),
        seat('academia', '2025-01-01'),
        seat('ngo', '2024-01-01'),
      ],
      ['ngo', 'industry', 'academia', 'media'],
      ['education'],
    ],
    [
      'a sector counts once however many seats hold it',
      ['industry'],
      [seat('industry', '2025-01-01'), seat('industry', '2024-06-01', '2027-01-01')],
      ['industry'],
      [],
    ],
    [
      'a term that ended the day before does not cover',
      ['industry', 'education'],
      [seat('industry', '2024-01-01', '2026-02-28'), seat('education', '2024-01-01', '2026-03-01')],
      ['education'],
      ['industry'],
    ],
    [
      'a term that starts the day after does not cover yet',
      ['industry'],
      [seat('industry', '2026-03-02')],
      [],
      ['industry'],
    ],
    [
      'an expired seat and a current seat of the same sector: covered',
      ['police'],
      [seat('police', '2020-01-01', '2021-01-01'), seat('police', '2026-01-01')],
      ['police'],
      [],
    ],
    ['duplicate required sectors are listed once', ['ngo', 'ngo'], [], [], ['ngo']],
  ])('%s', (_case, required, seats, covered, missing) => {
    const result = boardCoverage(required, seats, asOf);
    expect(result).toEqual({
      asOf,
      requiredSectors: [...new Set(required)],
      coveredSectors: covered,
      missingSectors: missing,
    });
  });

  it('answers as of any date: the same board covers a sector one year and misses it the next', () => {
    const seats = [seat('industry', '2024-01-01', '2024-12-31')];
    expect(boardCoverage(['industry'], seats, '2024-12-31').missingSectors).toEqual([]);
    expect(boardCoverage(['industry'], seats, '2025-01-01').missingSectors).toEqual(['industry']);
  });
});
