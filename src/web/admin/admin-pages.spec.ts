import { describe, expect, it } from '@jest/globals';
import { QUEUE_DASHBOARD_PATH } from '../../http/queue-dashboard.js';
import type { CentreResponse } from '../../centres/dto/centre.dto.js';
import { QUEUE_DASHBOARD_LINK } from './admin-layout.js';
import { auditChanges, shortValue } from './audit-changes.js';
import { backTo, isFiltered } from './admin-forms.js';
import { settingsBody, settingsValues, splitList } from './settings-form.js';

describe('the admin pages', () => {
  it('link to the queue dashboard where bull-board is mounted', () => {
    expect(QUEUE_DASHBOARD_LINK).toBe(QUEUE_DASHBOARD_PATH);
  });

  describe('settingsBody: the posted form as the API body', () => {
    const form = {
      _csrf: 'token',
      name: ' Centre A ',
      country: 'be',
      timezone: 'Europe/Brussels',
      locale: 'fr',
      reminderHour: '7',
      sidDaysBefore: '30',
      sidDaysAfter: '',
      sectors: 'education\r\nmedia\n\n ngo \n',
      requiredBoardSectors: ['education', 'police'],
      keepWarmPlan: '60, 120 210;abc',
      'cadence.defaultDays': '90',
      'cadence.byTier.key': '30',
      'cadence.byTier.regular': '',
      'cadence.byTier.gold': '5',
      'cadence.bySector.media': '45',
      'cadence.bySector.police': '10',
    };

    it('reads lists one per line or comma-separated, numbers as numbers, and leaves out blank optional fields', () => {
      expect(settingsBody(form)).toEqual({
        name: 'Centre A',
        country: 'be',
        timezone: 'Europe/Brussels',
        locale: 'fr',
        reminderHour: '7',
        sidDaysBefore: '30',
        sectors: ['education', 'media', 'ngo'],
        // police is not one of the sectors any more: its requirement and its cadence go with it
        requiredBoardSectors: ['education'],
        keepWarmPlan: [60, 120, 210, 'abc'],
        cadence: { defaultDays: 90, byTier: { key: 30 }, bySector: { media: 45 } },
        // Blank (or missing) retention is off: null, which clears a saved rule.
        contactRetentionMonths: null,
      });
    });

    it('reads the retention months as a number, and leaves other text for the DTO to refuse', () => {
      expect(settingsBody({ contactRetentionMonths: ' 18 ' }).contactRetentionMonths).toBe(18);
      expect(settingsBody({ contactRetentionMonths: 'six' }).contactRetentionMonths).toBe('six');
    });

    it('sends required text blank rather than leaving it out (blank must not mean "unchanged")', () => {
      expect(settingsBody({})).toMatchObject({ name: '', country: '', timezone: '', sectors: [], keepWarmPlan: [] });
      expect(settingsBody({}).cadence).toEqual({ defaultDays: undefined, byTier: {}, bySector: {} });
    });

    it('round-trips the saved settings through the form', () => {
      const centre = {
        name: 'Centre A',
        country: 'BE',
        timezone: 'Europe/Brussels',
        locale: 'en',
        reminderHour: 9,
        sidDaysBefore: 42,
        sidDaysAfter: 14,
        sectors: ['education', 'media'],
        requiredBoardSectors: ['media'],
        keepWarmPlan: [60, 120],
        cadence: { defaultDays: 90, byTier: { key: 30 }, bySector: { education: 60 } },
        contactRetentionMonths: 18,
      } as unknown as CentreResponse;
      expect(settingsBody(settingsValues(centre))).toEqual({
        name: 'Centre A',
        country: 'BE',
        timezone: 'Europe/Brussels',
        locale: 'en',
        reminderHour: '9',
        sidDaysBefore: '42',
        sidDaysAfter: '14',
        sectors: ['education', 'media'],
        requiredBoardSectors: ['media'],
        keepWarmPlan: [60, 120],
        cadence: { defaultDays: 90, byTier: { key: 30 }, bySector: { education: 60 } },
        contactRetentionMonths: 18,
      });
    });

    it('splits lists whatever arrives (one value, several, none)', () => {
      expect(splitList(undefined)).toEqual([]);
      expect(splitList('a')).toEqual(['a']);
      expect(splitList(['a', 'b,c'])).toEqual(['a', 'b', 'c']);
    });
  });

  describe('auditChanges', () => {
    it('lists the fields an update changed, before and after, without bookkeeping', () => {
      expect(
        auditChanges(
          { reminderHour: 9, name: 'A', updatedAt: '2027-01-01', sectors: ['a'] },
          { reminderHour: 7, name: 'A', updatedAt: '2027-05-12', sectors: ['a', 'b'] },
        ),
      ).toEqual({
        changes: [
          { field: 'reminderHour', before: '9', after: '7' },
          { field: 'sectors', before: '["a"]', after: '["a","b"]' },
        ],
        more: 0,
      });
    });

    it('lists what a creation wrote, at most `limit` fields, and says how many more', () => {
      const after = { id: 'x', a: 1, b: null, c: 'three', d: 4 };
      expect(auditChanges(null, after, 2)).toEqual({
        changes: [
          { field: 'a', after: '1' },
          { field: 'b', after: '—' },
        ],
        more: 2,
      });
    });

    it('cuts long values short', () => {
      expect(shortValue('x'.repeat(200))).toHaveLength(80);
    });
  });

  describe('forms', () => {
    it('go back only to a page of their own section', () => {
      expect(backTo('/admin/users?role=admin&page=2', '/admin/users')).toBe('/admin/users?role=admin&page=2');
      expect(backTo('/admin/mail', '/admin/users')).toBe('/admin/users');
      expect(backTo('//evil.example', '/admin/users')).toBe('/admin/users');
      expect(backTo(undefined, '/admin/mail')).toBe('/admin/mail');
    });

    it('count a list as filtered only by a filter with a value', () => {
      expect(isFiltered({ search: '', role: '', page: '2', sort: 'occurredAt' })).toBe(false);
      expect(isFiltered({ role: 'admin' })).toBe(true);
    });
  });
});
