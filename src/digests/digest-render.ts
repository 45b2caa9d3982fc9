import { escapeHtml } from '../common/html-page.js';
import { KIND_NAMES, KIND_ORDER } from '../reminders/reminder-kinds.js';
import type { ReminderKind } from '../reminders/reminder.entity.js';

/**
 * The reminder emails, as pure functions of what they report: a text part and an HTML part each, dates in the
 * centre's locale, every user-typed value escaped in HTML. The service gathers the data and the links.
 */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A digest lists this many reminders at most; the rest are counted, and the reminders page has them all. */
export const DIGEST_LIST_LIMIT = 100;

export interface DigestItem {
  kind: ReminderKind;
  /** The partner (or, for a board meeting, the board) the reminder is about, and its page. */
  subjectName: string;
  subjectUrl: string;
  /** True when the subject is a partner (the subject line counts partners). */
  aboutPartner: boolean;
  /** A further word, e.g. the contact to review. */
  detail?: string | null;
  dueDate: string;
  doneUrl: string;
  snoozeUrl: string;
}

export interface DailyDigestInput {
  centreName: string;
  locale: string;
  recipientName: string;
  asOf: string;
  items: DigestItem[];
  /** Reminders already reported by an earlier digest and still open. */
  moreOpen: number;
  remindersUrl: string;
  preferencesUrl: string;
}

export interface Escalation {
  partnerName: string;
  partnerUrl: string;
  /** The day of the last engagement; null when the partner was never contacted. */
  lastContact: string | null;
  daysSince: number;
  cadenceDays: number;
}

export interface WeeklyNumbers {
  engagements: number;
  partnersContacted: number;
  remindersCreated: number;
  remindersDone: number;
  partnersOverdue: number;
}

export interface WeeklySummaryInput {
  centreName: string;
  locale: string;
  recipientName: string;
  weekStart: string;
  asOf: string;
  escalations: Escalation[];
  /** Escalations beyond those listed. */
  moreEscalations: number;
  numbers: WeeklyNumbers;
  remindersUrl: string;
  preferencesUrl: string;
}

export function renderDailyDigest(input: DailyDigestInput): RenderedMail {
  const ordered = orderItems(input.items);
  const listed = ordered.slice(0, DIGEST_LIST_LIMIT);
  const unlisted = ordered.length - listed.length;
  const date = (value: string) => formatDate(value, input.locale);
  const headline = digestHeadline(input.items);
  const groups = groupByKind(listed);

  const text = [
    `Hello ${input.recipientName},`,
    '',
    `${headline} at ${input.centreName} (${date(input.asOf)}).`,
    ...groups.flatMap(([kind, items]) => [
      '',
      KIND_NAMES[kind].heading,
      ...items.flatMap((item) => [
        `- ${item.subjectName}${item.detail ? ` (${item.detail})` : ''}: due ${date(item.dueDate)}`,
        `  Open: ${item.subjectUrl}`,
        `  Mark done: ${item.doneUrl}`,
        `  Snooze a week: ${item.snoozeUrl}`,
      ]),
    ]),
    '',
    ...(unlisted > 0 ? [`And ${unlisted} more due: ${input.remindersUrl}`] : []),
    ...(input.moreOpen > 0
      ? [`${input.moreOpen} more open ${plural(input.moreOpen, 'reminder')} from earlier days: ${input.remindersUrl}`]
      : []),
    `All your reminders: ${input.remindersUrl}`,
    '',
    footerText(input.preferencesUrl),
  ].join('\n');

  const html = layout(
    `<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>${escapeHtml(headline)} at ${escapeHtml(input.centreName)} (${escapeHtml(date(input.asOf))}).</p>
${groups
  .map(
    ([kind, items]) => `<h2 style="font-size:1.1em;margin:1.2em 0 .4em">${escapeHtml(KIND_NAMES[kind].heading)}</h2>
<ul style="padding-left:1.2em">
${items
  .map(
    (item) =>
      `<li style="margin-bottom:.5em"><a href="${escapeHtml(item.subjectUrl)}">${escapeHtml(item.subjectName)}</a>${item.detail ? ` (${escapeHtml(item.detail)})` : ''}: due ${escapeHtml(date(item.dueDate))}<br>` +
      `<a href="${escapeHtml(item.doneUrl)}">Mark done</a> · <a href="${escapeHtml(item.snoozeUrl)}">Snooze a week</a></li>`,
  )
  .join('\n')}
</ul>`,
  )
  .join('\n')}
${unlisted > 0 ? `<p>And ${unlisted} more due: <a href="${escapeHtml(input.remindersUrl)}">see them all</a>.</p>` : ''}
${input.moreOpen > 0 ? `<p><a href="${escapeHtml(input.remindersUrl)}">${input.moreOpen} more open ${plural(input.moreOpen, 'reminder')}</a> from earlier days.</p>` : ''}
<p><a href="${escapeHtml(input.remindersUrl)}">All your reminders</a></p>`,
    input.preferencesUrl,
  );

  return { subject: `Keepwarm: ${headline} (${input.centreName})`, text, html };
}

export function renderWeeklySummary(input: WeeklySummaryInput): RenderedMail {
  const date = (value: string) => formatDate(value, input.locale);
  const total = input.escalations.length + input.moreEscalations;
  const period = `${date(input.weekStart)} – ${date(input.asOf)}`;
  const numbers: [string, number][] = [
    ['Engagements logged', input.numbers.engagements],
    ['Partners contacted', input.numbers.partnersContacted],
    ['Reminders created', input.numbers.remindersCreated],
    ['Reminders done', input.numbers.remindersDone],
    ['Partners overdue now', input.numbers.partnersOverdue],
  ];
  const lastContact = (e: Escalation) => (e.lastContact ? `last contact ${date(e.lastContact)}` : 'never contacted');
  const escalationLine = (e: Escalation) => `${lastContact(e)}, ${e.daysSince} days ago; cadence ${e.cadenceDays} days`;
  const escalationHeading =
    total === 0
      ? 'No partner is overdue by more than twice its cadence.'
      : `${total} ${plural(total, 'partner')} overdue by more than twice ${total === 1 ? 'its' : 'their'} cadence, most overdue first:`;

  const text = [
    `Hello ${input.recipientName},`,
    '',
    `Your week at ${input.centreName}, ${period}.`,
    '',
    ...numbers.map(([label, value]) => `${label}: ${value}`),
    '',
    escalationHeading,
    ...input.escalations.map((e) => `- ${e.partnerName}: ${escalationLine(e)}\n  ${e.partnerUrl}`),
    ...(input.moreEscalations > 0 ? [`And ${input.moreEscalations} more.`] : []),
    '',
    `Reminders: ${input.remindersUrl}`,
    '',
    footerText(input.preferencesUrl),
  ].join('\n');

  const html = layout(
    `<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>Your week at ${escapeHtml(input.centreName)}, ${escapeHtml(period)}.</p>
<table style="border-collapse:collapse">
${numbers.map(([label, value]) => `<tr><th scope="row" style="text-align:left;padding:.2em 1em .2em 0;font-weight:normal">${label}</th><td style="text-align:right"><strong>${value}</strong></td></tr>`).join('\n')}
</table>
<h2 style="font-size:1.1em;margin:1.2em 0 .4em">Escalations</h2>
<p>${escapeHtml(escalationHeading)}</p>
${
  input.escalations.length > 0
    ? `<ul style="padding-left:1.2em">
${input.escalations.map((e) => `<li><a href="${escapeHtml(e.partnerUrl)}">${escapeHtml(e.partnerName)}</a>: ${escapeHtml(escalationLine(e))}</li>`).join('\n')}
</ul>`
    : ''
}
${input.moreEscalations > 0 ? `<p>And ${input.moreEscalations} more.</p>` : ''}
<p><a href="${escapeHtml(input.remindersUrl)}">Reminders</a></p>`,
    input.preferencesUrl,
  );

  return {
    subject: `Keepwarm weekly summary: ${total} ${plural(total, 'escalation')} (${input.centreName})`,
    text,
    html,
  };
}

/** Reminders in report order: by kind as in KIND_ORDER, then the oldest due first. */
export function orderItems(items: DigestItem[]): DigestItem[] {
  const rank = (kind: ReminderKind) => KIND_ORDER.indexOf(kind);
  return [...items].sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) || a.dueDate.localeCompare(b.dueDate) || a.subjectName.localeCompare(b.subjectName),
  );
}

function groupByKind(ordered: DigestItem[]): [ReminderKind, DigestItem[]][] {
  const groups = new Map<ReminderKind, DigestItem[]>();
  for (const item of ordered) {
    const group = groups.get(item.kind);
    if (group) group.push(item);
    else groups.set(item.kind, [item]);
  }
  return [...groups];
}

/** "3 partners need you today", or, when boards are among them, "4 reminders are due today". */
function digestHeadline(items: DigestItem[]): string {
  if (items.some((item) => !item.aboutPartner))
    return `${items.length} ${plural(items.length, 'reminder')} ${items.length === 1 ? 'is' : 'are'} due today`;
  const partners = new Set(items.map((item) => item.subjectUrl)).size;
  return `${partners} ${partners === 1 ? 'partner needs' : 'partners need'} you today`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A date-only value (YYYY-MM-DD) as the centre writes dates, e.g. "1 mars 2027" for fr-BE. An unknown locale falls back to English. */
export function formatDate(date: string, locale: string): string {
  let format = formats.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });
    }
    formats.set(locale, format);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

function footerText(preferencesUrl: string): string {
  return `You get this email because you use Keepwarm. Choose daily, weekly or no reminder email: ${preferencesUrl}`;
}

function layout(content: string, preferencesUrl: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:0 auto;padding:1rem">
${content}
<p style="color:#555;font-size:.9em">You get this email because you use Keepwarm. <a href="${escapeHtml(preferencesUrl)}">Daily, weekly or no reminder email</a>.</p>
</body></html>`;
}
