import { describe, expect, it } from '@jest/globals';
import {
  DIGEST_LIST_LIMIT,
  orderItems,
  renderDailyDigest,
  renderWeeklySummary,
  type DailyDigestInput,
  type DigestItem,
  type RenderedMail,
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

const threeReminders = () => [
  item('cadence_overdue', 'Telco', '2027-02-01'),
  item('follow_up_due', 'Police', '2027-02-27'),
  item('cadence_overdue', 'School', '2027-01-15', { detail: 'Zoë' }),
];

/** What a reader of the HTML part sees: the tags gone (blocks on lines of their own), the entities decoded. */
function htmlText(html: string): string {
  return decode(
    html
      .replace(/<head>[\s\S]*<\/head>/, '')
      .replace(/<(br|\/p|\/li|\/h2|\/tr|\/th|\/td|\/caption)\b[^>]*>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]!));
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Every line of the text part is in the HTML part: its words in the text a reader sees, and a "label: url" line
 * as a link to that url with that label (the "Open" links are the names themselves). A figure ("Engagements
 * logged: 12") is a table row: its label and value each.
 */
function expectSameContent(mail: RenderedMail, openLabel: string, figureLabels: string[] = []): void {
  const seen = htmlText(mail.html);
  const links = hrefs(mail.html);
  const lines = mail.text
    .split('\n')
    .map((line) => line.trim().replace(/^- /, ''))
    .filter(Boolean);
  expect(lines.length).toBeGreaterThan(5);
  for (const line of lines) {
    const link = /^(.*?) ?: (https?:\/\/\S+)$/.exec(line);
    const figure = figureLabels.find((label) => line.startsWith(label));
    if (link) {
      expect(links).toContain(link[2]);
      if (link[1] !== openLabel) expect(seen).toContain(link[1]);
    } else if (figure) {
      expect(seen).toContain(`${figure}\n${line.slice(figure.length).replace(/^ ?: /, '')}`);
    } else {
      expect(seen).toContain(line);
    }
  }
}

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
  it('groups by kind under headings, most urgent first, with links for each reminder (English)', () => {
    const mail = renderDailyDigest(daily(threeReminders()));
    expect(mail.subject).toBe('Keepwarm: 3 partners need you today (Safer Internet Centre BE)');
    const text = mail.text;
    expect(text).toContain('Hello Ana,');
    expect(text).toContain('3 partners need you today at Safer Internet Centre BE (1 March 2027).');
    expect(text.indexOf('Follow-ups due')).toBeLessThan(text.indexOf('Overdue for contact'));
    expect(text.indexOf('School')).toBeLessThan(text.indexOf('Telco'));
    expect(text).toContain('- Police: due 27 February 2027');
    expect(text).toContain('- School (Zoë): due 15 January 2027');
    expect(text).toContain('Mark done: https://kw.example/r/done-police');
    expect(text).toContain('Snooze a week: https://kw.example/r/snooze-police');
    expect(text).toContain('Open: https://kw.example/partners/police');
    expect(text).toContain('All your reminders: https://kw.example/reminders');
    expect(text).toContain('Choose daily, weekly or no reminder email: https://kw.example/email-preferences/tok');
    expect(mail.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(mail.html).toContain('<a href="https://kw.example/r/done-telco">Mark done</a>');
    expect(mail.html).toContain('<a href="https://kw.example/email-preferences/tok">');
    expect(mail.html).toContain('<h2');
  });

  it('speaks French to a French reader: words, subject, dates', () => {
    const mail = renderDailyDigest(daily(threeReminders(), { locale: 'fr' }));
    expect(mail.subject).toBe('Keepwarm : 3 partenaires ont besoin de vous aujourd’hui (Safer Internet Centre BE)');
    const text = mail.text;
    expect(text).toContain('Bonjour Ana,');
    expect(text).toContain('(Safer Internet Centre BE, 1 mars 2027).');
    expect(text.indexOf('Relances prévues')).toBeLessThan(text.indexOf('Contacts en retard'));
    expect(text).toContain('- Police : à faire pour le 27 février 2027');
    expect(text).toContain('- School (Zoë) : à faire pour le 15 janvier 2027');
    expect(text).toContain('Marquer comme fait : https://kw.example/r/done-police');
    expect(text).toContain('Reporter d’une semaine : https://kw.example/r/snooze-police');
    expect(text).toContain('Tous vos rappels : https://kw.example/reminders');
    expect(text).not.toMatch(/due|Mark done|Hello/);
    expect(mail.html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(mail.html).toContain('<a href="https://kw.example/r/done-telco">Marquer comme fait</a>');
  });

  it.each(['en', 'fr'] as const)('has the same content in the HTML part as in the text part (%s)', (locale) => {
    const many = Array.from({ length: DIGEST_LIST_LIMIT + 2 }, (_, i) =>
      item(i % 2 ? 'cadence_overdue' : 'keep_warm', `Partner ${i}`, `2027-02-${String((i % 27) + 1).padStart(2, '0')}`),
    );
    const mail = renderDailyDigest(daily([...threeReminders(), ...many], { locale, moreOpen: 3 }));
    expectSameContent(mail, locale === 'en' ? 'Open' : 'Ouvrir');
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
    expect(renderDailyDigest(daily([board], { locale: 'fr' })).subject).toBe(
      'Keepwarm : 1 rappel arrive à échéance aujourd’hui (Safer Internet Centre BE)',
    );
  });

  it.each(['en', 'fr'] as const)(
    'escapes what users typed in the HTML part, and leaves the text part as typed (%s)',
    (locale) => {
      const name = '<script>alert(1)</script> & "Co"';
      const mail = renderDailyDigest(
        daily([item('cadence_overdue', name, '2027-02-01', { detail: 'Zoë <b>' })], {
          locale,
          centreName: 'A&B "centre"',
          recipientName: '<i>Ana</i>',
        }),
      );
      expect(mail.html).not.toContain('<script');
      expect(mail.html).not.toContain('<i>Ana');
      expect(mail.html).not.toContain('<b>');
      // preact escapes <, & and " (a lone > starts nothing in HTML text).
      expect(mail.html).toContain('>&lt;script>alert(1)&lt;/script> &amp; &quot;Co&quot;</a>');
      expect(mail.html).toContain('Zoë &lt;b>');
      expect(mail.html).toContain('A&amp;B &quot;centre&quot;');
      expect(htmlText(mail.html)).toContain(name);
      expect(mail.text).toContain(`- ${name} (Zoë <b>)`);
      expect(mail.subject).toContain('(A&B "centre")');
      expectSameContent(mail, locale === 'en' ? 'Open' : 'Ouvrir');
    },
  );

  it('mentions open reminders reported on earlier days, with the link to all of them', () => {
    const mail = renderDailyDigest(daily([item('cadence_overdue', 'Telco', '2027-02-01')], { moreOpen: 4 }));
    expect(mail.text).toContain('4 more open reminders from earlier days: https://kw.example/reminders');
    expect(mail.html).toContain('4 more open reminders from earlier days</a>');
    expect(renderDailyDigest(daily([item('cadence_overdue', 'Telco', '2027-02-01')])).text).not.toContain('more open');
    expect(
      renderDailyDigest(daily([item('cadence_overdue', 'Telco', '2027-02-01')], { moreOpen: 1, locale: 'fr' })).text,
    ).toContain('1 autre rappel encore ouvert des jours précédents : https://kw.example/reminders');
  });

  it(`lists at most ${DIGEST_LIST_LIMIT} reminders and counts the rest`, () => {
    const many = Array.from({ length: DIGEST_LIST_LIMIT + 7 }, (_, i) =>
      item('cadence_overdue', `Partner ${String(i).padStart(3, '0')}`, '2027-02-01'),
    );
    const mail = renderDailyDigest(daily(many));
    expect(mail.text.match(/^- Partner/gm)).toHaveLength(DIGEST_LIST_LIMIT);
    expect(mail.text).toContain('And 7 more due: https://kw.example/reminders');
    expect(renderDailyDigest(daily(many, { locale: 'fr' })).text).toContain(
      'Et 7 autres rappels à échéance : https://kw.example/reminders',
    );
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
    numbers: { engagements: 12, partnersContacted: 9, remindersCreated: 7, remindersDone: 5, partnersOverdue: 1021 },
    remindersUrl: 'https://kw.example/reminders',
    preferencesUrl: 'https://kw.example/email-preferences/tok',
    ...extra,
  });
  const figures = {
    en: ['Engagements logged', 'Partners contacted', 'Reminders created', 'Reminders done', 'Partners overdue now'],
    fr: [
      'Contacts enregistrés',
      'Partenaires contactés',
      'Rappels créés',
      'Rappels faits',
      'Partenaires en retard aujourd’hui',
    ],
  };

  it("gives the week's numbers and the escalations in the order given, with the count of the rest", () => {
    const mail = renderWeeklySummary(weekly());
    expect(mail.subject).toBe('Keepwarm weekly summary: 5 escalations (SIC)');
    expect(mail.text).toContain('Your week at SIC, 23 February 2027 – 1 March 2027.');
    for (const line of [
      'Engagements logged: 12',
      'Partners contacted: 9',
      'Reminders created: 7',
      'Reminders done: 5',
      'Partners overdue now: 1,021',
    ])
      expect(mail.text).toContain(line);
    expect(mail.text).toContain('5 partners overdue by more than twice their cadence, most overdue first:');
    expect(mail.text.indexOf('Silent & Co')).toBeLessThan(mail.text.indexOf('Never'));
    expect(mail.text).toContain('- Silent & Co: last contact 1 September 2026, 181 days ago; cadence 30 days');
    expect(mail.text).toContain('- Never: never contacted, 200 days ago; cadence 90 days');
    expect(mail.text).toContain('And 3 more.');
    expect(mail.html).toContain('<a href="https://kw.example/partners/1">Silent &amp; Co</a>');
    expect(mail.html).toContain('<caption');
    expectSameContent(mail, 'Open', figures.en);
  });

  it('speaks French to a French reader', () => {
    const mail = renderWeeklySummary(weekly({ locale: 'fr' }));
    expect(mail.subject).toBe('Keepwarm, résumé de la semaine : 5 alertes (SIC)');
    expect(mail.text).toContain('Votre semaine chez SIC, du 23 février 2027 au 1 mars 2027.');
    expect(mail.text).toContain('Contacts enregistrés : 12');
    expect(mail.text).toMatch(/Partenaires en retard aujourd’hui : 1\s021/);
    expect(mail.text).toContain(
      '- Silent & Co : dernier contact le 1 septembre 2026, il y a 181 jours ; rythme de 30 jours',
    );
    expect(mail.text).toContain('Et 3 de plus.');
    expect(mail.html).toContain('<html lang="fr">');
    expectSameContent(mail, 'Ouvrir', figures.fr);
  });

  it('says so when nobody needs escalating', () => {
    const mail = renderWeeklySummary(weekly({ escalations: [], moreEscalations: 0 }));
    expect(mail.subject).toBe('Keepwarm weekly summary: 0 escalations (SIC)');
    expect(mail.text).toContain('No partner is overdue by more than twice its cadence.');
    expect(renderWeeklySummary(weekly({ escalations: [], moreEscalations: 1, locale: 'fr' })).subject).toBe(
      'Keepwarm, résumé de la semaine : 1 alerte (SIC)',
    );
  });
});
