import { describe, expect, it } from '@jest/globals';
import { termState, type TermState } from './term-state.js';

describe('termState', () => {
  const today = '2027-05-12';
  it.each<[string, string, string | null, TermState]>([
    ['starts tomorrow', '2027-05-13', null, { kind: 'upcoming', starts: '2027-05-13' }],
    ['open-ended and started', '2025-01-01', null, { kind: 'current', ends: null }],
    ['ended yesterday', '2025-01-01', '2027-05-11', { kind: 'ended', ended: '2027-05-11' }],
    ['ends today', '2025-01-01', '2027-05-12', { kind: 'endingSoon', ends: '2027-05-12', days: 0 }],
    ['ends in 22 days', '2025-01-01', '2027-06-03', { kind: 'endingSoon', ends: '2027-06-03', days: 22 }],
    [
      'ends on the last day of the notice',
      '2025-01-01',
      '2027-06-11',
      { kind: 'endingSoon', ends: '2027-06-11', days: 30 },
    ],
    ['ends the day after the notice', '2025-01-01', '2027-06-12', { kind: 'current', ends: '2027-06-12' }],
    ['starts today, ends in a year', '2027-05-12', '2028-05-11', { kind: 'current', ends: '2028-05-11' }],
  ])('%s', (_case, termStart, termEnd, expected) => {
    expect(termState({ termStart, termEnd }, today, 30)).toEqual(expected);
  });
});
