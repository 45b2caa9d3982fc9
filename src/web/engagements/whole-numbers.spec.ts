import { describe, expect, it } from '@jest/globals';
import { wholeNumbers } from './whole-numbers.js';

describe('wholeNumbers', () => {
  it('turns whole numbers of the named fields into numbers, and leaves the rest as typed', () => {
    expect(
      wholeNumbers({ sidYear: ' 2027 ', days: '1.5', other: '12', blank: '', list: ['3'] }, [
        'sidYear',
        'days',
        'blank',
        'list',
        'missing',
      ]),
    ).toEqual({ sidYear: 2027 });
  });
});
