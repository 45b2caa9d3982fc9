import { describe, expect, it } from '@jest/globals';
import {
  DIGEST_LIST_LIMIT,
  formatDate,
  orderItems,
  renderDailyDigest,
  renderWeeklySummary,
  type DailyDigestInput,
  type DigestItem,
  type WeeklySummaryInput,
} from './digest-render.js';

function item(kind: DigestItem['kind'], name: string, dueDate: string, extra: Partial<DigestItem> = {}): DigestItem {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  return {
    kind,
    subjectName: name,
    subjectUrl: `https://kw.example/partners/${slug}`,
    aboutPartner: true,
    dueDate,
    doneUrl: `https://kw.example/r/done-${slug}`,
    snoozeUrl: `https://kw.example/r/snooze-${slug}`,
    ...extra,
  };
}

const daily = (items: DigestItem[], extra: Partial<DailyDigestInput> = {}): DailyDigestInput => ({
  centreName: 'Safer Internet Centre BE',
  locale: 'en',
  recipientName: 'Ana',
  asOf: '2027-03-01',
  items,
  moreOpen: 0,
  remindersUrl: 'https://kw.example/reminders',
  preferencesUrl: 'https://kw.example/email-preferences/tok',
  ...extra,
});

describe('formatDate', () => {
  it.each([
    ['2027-03-01', 'en', 'March 1, 2027'],
    ['2027-03-01', 'fr-BE', '1 mars 2027'],
    ['2027-12-31', 'nl-BE', '31 december 2027'],
    ['2027-03-01', 'de', '1. März 2027'],
    // A date-only value is the same day in every time zone.
    ['2027-01-01', 'en-NZ', '1 January 2027'],
    ['2027-03-01', 'not a locale!', 'March 1, 2027'],
  ])('%s in %s is "%s"', (date, locale, expected) => {
    expect(formatDate(date, locale)).toBe(expected);
  });
});

describe('orderItems', () => {
  it('puts the most urgent kind first, then the oldest due first within a kind', () => {
    const ordered = orderItems([
      item('contact_review', 'Review', '2027-01-01'),
      item('cadence_overdue', 'Late B', '2027-02-20'),
      item('follow_up_due', 'Follow', '2027-02-28'),
      item('cadence_overdue', 'Late A', '2027-02-01'),
      item('board_term_ending', 'Seat', '2027-02-25'),
    ]);
    expect(ordered.map((i) => i.subjectName)).toEqual(['Follow', 'Late A', 'Late B', 'Seat', 'Review']);
  });
});

describe('renderDailyDigest', () => {
  it('groups by kind under headings, most urgent first, with links for each reminder', () => {
    const mail = renderDailyDigest(
      daily([
        item('cadence_overdue', 'Telco', '2027-02-01'),
        item('follow_up_due', 'Police', '2027-02-27'),
        item('cadence_overdue', 'School', '2027-01-15'),
      ]),
    );
    expect(mail.subject).toBe('Keepwarm: 3 partners need you today (Safer Internet Centre BE)');
    const text = mail.text;
    expect(text.indexOf('Follow-ups due')).toBeLessThan(text.indexOf('Overdue for contact'));
    expect(text.indexOf('School')).toBeLessThan(text.indexOf('Telco'));
    expect(text).toContain('- Police: due February 27, 2027');
    expect(text).toContain('Mark done: https://kw.example/r/done-police');
    expect(text).toContain('Snooze a week: https://kw.example/r/snooze-police');
    expect(text).toContain('Open: https://kw.example/partners/police');
    expect(mail.html).toContain('<a href="https://kw.example/r/done-telco">Mark done</a>');
    expect(mail.html).toContain('<a href="https://kw.example/email-preferences/tok">');
  });

  it('counts partners, not reminders, in the subject; and says "reminders" when a board is among them', () => {
    expect(
      renderDailyDigest(
        daily([item('cadence_overdue', 'Telco', '2027-02-01'), item('follow_up_due', 'Telco', '2027-02-27')]),
      ).subject,
    ).toBe('Keepwarm: 1 partner needs you today (Safer Internet Centre BE)');
    const board = item('board_meeting_due', 'Youth board', '2027-02-27', {
      aboutPartner: false,
      subjectUrl: 'https://kw.example/advisory-boards/b',
    });
    expect(renderDailyDigest(daily([board, item('cadence_overdue', 'Telco', '2027-02-01')])).subject).toBe(
      'Keepwarm: 2 reminders are due today (Safer Internet Centre BE)',
    );
  });

  it("writes dates in the centre's locale", () => {
    const mail = renderDailyDigest(daily([item('cadence_overdue', 'Telco', '2027-02-01')], { locale: 'fr-BE' }));
    expect(mail.text).toContain('due 1 février 2027');
    expect(mail.text).toContain('(1 mars 2027)');
    expect(mail.html).toContain('1 février 2027');
  });

  it('escapes what users typed in the HTML part, and leaves the text part as typed', () => {
    const mail = renderDailyDigest(
      daily([item('cadence_overdue', '<script>alert("x")</script> & Co', '2027-02-01', { detail: 'Zoë <b>' })], {
        centreName: 'A&B "centre"',
        recipientName: '<i>Ana</i>',
      }),
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<i>Ana');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.html).toContain('Zoë &lt;b&gt;');
    expect(mail.html).toContain('A&amp;B &quot;centre&quot;');
    expect(mail.text).toContain('- <script>alert("x")</script> & Co (Zoë <b>): due');
  });

  it('mentions open reminders reported on earlier days, with the link to all of them', () => {
    const mail = renderDailyDigest(daily([item('cadence_overdue', 'Telco', '2027-02-01')], { moreOpen: 4 }));
    expect(mail.text).toContain('4 more open reminders from earlier days: https://kw.example/reminders');
    expect(mail.html).toContain('4 more open reminders</a>');
    expect(renderDailyDigest(daily([item('cadence_overdue', 'Telco', '2027-02-01')])).text).not.toContain('more open');
  });

  it(`lists at most ${DIGEST_LIST_LIMIT} reminders and counts the rest`, () => {
    const many = Array.from({ length: DIGEST_LIST_LIMIT + 7 }, (_, i) =>
      item('cadence_overdue', `Partner ${String(i).padStart(3, '0')}`, '2027-02-01'),
    );
    const mail = renderDailyDigest(daily(many));
    expect(mail.text.match(/^- Partner/gm)).toHaveLength(DIGEST_LIST_LIMIT);
    expect(mail.text).toContain('And 7 more due: https://kw.example/reminders');
  });
});

describe('renderWeeklySummary', () => {
  const weekly = (extra: Partial<WeeklySummaryInput> = {}): WeeklySummaryInput => ({
    centreName: 'SIC',
    locale: 'en',
    recipientName: 'Maria',
    weekStart: '2027-02-23',
    asOf: '2027-03-01',
    escalations: [
      {
        partnerName: 'Silent & Co',
        partnerUrl: 'https://kw.example/partners/1',
        lastContact: '2026-09-01',
        daysSince: 181,
        cadenceDays: 30,
      },
      {
        partnerName: 'Never',
        partnerUrl: 'https://kw.example/partners/2',
        lastContact: null,
        daysSince: 200,
        cadenceDays: 90,
      },
    ],
    moreEscalations: 3,
    numbers: { engagements: 12, partnersContacted: 9, remindersCreated: 7, remindersDone: 5, partnersOverdue: 21 },
    remindersUrl: 'https://kw.example/reminders',
    preferencesUrl: 'https://kw.example/email-preferences/tok',
    ...extra,
  });

  it("gives the week's numbers and the escalations in the order given, with the count of the rest", () => {
    const mail = renderWeeklySummary(weekly());
    expect(mail.subject).toBe('Keepwarm weekly summary: 5 escalations (SIC)');
    expect(mail.text).toContain('Your week at SIC, February 23, 2027 – March 1, 2027.');
    for (const line of [
      'Engagements logged: 12',
      'Partners contacted: 9',
      'Reminders created: 7',
      'Reminders done: 5',
      'Partners overdue now: 21',
    ])
      expect(mail.text).toContain(line);
    expect(mail.text).toContain('5 partners overdue by more than twice their cadence, most overdue first:');
    expect(mail.text.indexOf('Silent & Co')).toBeLessThan(mail.text.indexOf('Never'));
    expect(mail.text).toContain('- Silent & Co: last contact September 1, 2026, 181 days ago; cadence 30 days');
    expect(mail.text).toContain('- Never: never contacted, 200 days ago; cadence 90 days');
    expect(mail.text).toContain('And 3 more.');
    expect(mail.html).toContain('<a href="https://kw.example/partners/1">Silent &amp; Co</a>');
  });

  it('says so when nobody needs escalating', () => {
    const mail = renderWeeklySummary(weekly({ escalations: [], moreEscalations: 0 }));
    expect(mail.subject).toBe('Keepwarm weekly summary: 0 escalations (SIC)');
    expect(mail.text).toContain('No partner is overdue by more than twice its cadence.');
  });
});
