import { describe, expect, it } from '@jest/globals';
import { defaultSidDate } from '../../sid/sid-calendar.js';
import { campaignYear } from './campaign-year.js';

describe('campaignYear', () => {
  it.each([
    ['2027-01-01', 2027],
    ['2027-02-08', 2027],
    ['2027-02-09', 2027], // SID day itself is still this year's campaign
    ['2027-02-10', 2028],
    ['2027-05-12', 2028],
    ['2027-12-31', 2028],
  ])('as of %s it is the campaign of %i', (today, year) => {
    expect(campaignYear(today, defaultSidDate(Number(today.slice(0, 4))))).toBe(year);
  });

  it("follows the centre's own SID date", () => {
    expect(campaignYear('2027-02-20', '2027-03-02')).toBe(2027);
    expect(campaignYear('2027-03-03', '2027-03-02')).toBe(2028);
  });
});
