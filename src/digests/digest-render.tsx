import { KIND_ORDER } from '../reminders/reminder-kinds.js';
import type { ReminderKind } from '../reminders/reminder.entity.js';
import {
  EmailDocument,
  EmailFigures,
  EmailHeading,
  EmailList,
  EmailListItem,
  emailText,
  labelled,
  renderEmailHtml,
  type EmailParts,
} from '../ui/components/email.js';
import { Rich } from '../ui/components/rich-text.js';
import type { MessageKey } from '../ui/i18n/catalogue.js';
import { translator, type Locale, type Translator } from '../ui/i18n/translator.js';
import { KIND_HEADINGS } from './kind-messages.js';

/**
 * The reminder emails, as pure functions of what they report, in the recipient's language. Each email's words
 * are worked out once (a "content" record) and written twice: as the text part, and as the HTML part from the
 * email components (preact escapes every user-typed value). In the text part a link is a "label: url" line; in
 * the HTML part the label is the link. The service gathers the data and the links.
 */

export type RenderedMail = EmailParts;

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
  /** The recipient's language (chooseLocale of theirs and the centre's). */
  locale: Locale;
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
  locale: Locale;
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

/** A link: "label: url" in the text part, the label linked in the HTML part. */
interface Link {
  label: string;
  url: string;
}

/** Why the email came, and the way to choose another or none. */
interface Footer {
  reason: string;
  preferences: Link;
}

// --- The daily digest ---

interface DigestLine {
  /** "Acme: due 1 March 2027", for the text part. */
  text: string;
  /** The same message with its placeholders ({name}, {detail}, {date}) for the HTML part, and their values. */
  message: string;
  name: string;
  url: string;
  detail: string | null;
  date: string;
  actions: Link[];
}

interface DailyContent {
  i18n: Translator;
  subject: string;
  greeting: string;
  intro: string;
  groups: { heading: string; lines: DigestLine[] }[];
  links: Link[];
  footer: Footer;
}

export function renderDailyDigest(input: DailyDigestInput): RenderedMail {
  const content = dailyContent(input);
  return {
    subject: content.subject,
    text: dailyText(content),
    html: renderEmailHtml(<DailyDigest content={content} />),
  };
}

function dailyContent(input: DailyDigestInput): DailyContent {
  const i18n = translator(input.locale);
  const { t, plural, date } = i18n;
  const ordered = orderItems(input.items);
  const listed = ordered.slice(0, DIGEST_LIST_LIMIT);
  const unlisted = ordered.length - listed.length;
  const headline = digestHeadline(i18n, input.items);
  const line = (item: DigestItem): DigestLine => {
    const key = item.detail ? 'email.digest.itemWithDetail' : 'email.digest.item';
    const vars = { name: item.subjectName, detail: item.detail ?? '', date: date(item.dueDate) };
    return {
      text: t(key, vars),
      message: t(key),
      name: vars.name,
      url: item.subjectUrl,
      detail: item.detail || null,
      date: vars.date,
      actions: [
        { label: t('email.digest.done'), url: item.doneUrl },
        { label: t('email.digest.snooze'), url: item.snoozeUrl },
      ],
    };
  };
  const links: Link[] = [];
  if (unlisted > 0) links.push({ label: plural('email.digest.unlisted', unlisted), url: input.remindersUrl });
  if (input.moreOpen > 0)
    links.push({ label: plural('email.digest.moreOpen', input.moreOpen), url: input.remindersUrl });
  links.push({ label: t('email.digest.all'), url: input.remindersUrl });
  return {
    i18n,
    subject: t('email.digest.subject', { headline, centre: input.centreName }),
    greeting: t('email.greeting', { name: input.recipientName }),
    intro: t('email.digest.intro', { headline, centre: input.centreName, date: date(input.asOf) }),
    groups: groupByKind(listed).map(([kind, items]) => ({ heading: t(KIND_HEADINGS[kind]), lines: items.map(line) })),
    links,
    footer: footer(i18n, input.preferencesUrl),
  };
}

function dailyText(c: DailyContent): string {
  const { i18n } = c;
  return emailText([
    c.greeting,
    '',
    c.intro,
    ...c.groups.flatMap((group) => [
      '',
      group.heading,
      ...group.lines.flatMap((l) => [
        `- ${l.text}`,
        `  ${labelled(i18n, i18n.t('email.digest.open'), l.url)}`,
        ...l.actions.map((action) => `  ${labelled(i18n, action.label, action.url)}`),
      ]),
    ]),
    '',
    ...c.links.map((link) => labelled(i18n, link.label, link.url)),
    '',
    footerText(i18n, c.footer),
  ]);
}

function DailyDigest({ content: c }: { content: DailyContent }) {
  return (
    <EmailDocument lang={c.i18n.locale} title={c.subject} footer={<FooterHtml footer={c.footer} />}>
      <p>{c.greeting}</p>
      <p>{c.intro}</p>
      {c.groups.map((group) => (
        <>
          <EmailHeading>{group.heading}</EmailHeading>
          <EmailList>
            {group.lines.map((l) => (
              <EmailListItem>
                <Rich
                  text={l.message}
                  parts={{ name: <a href={l.url}>{l.name}</a>, detail: l.detail ?? '', date: l.date }}
                />
                <br />
                <Links links={l.actions} separator=" · " />
              </EmailListItem>
            ))}
          </EmailList>
        </>
      ))}
      {c.links.map((link) => (
        <p>
          <a href={link.url}>{link.label}</a>
        </p>
      ))}
    </EmailDocument>
  );
}

// --- The weekly summary ---

interface EscalationLine {
  name: string;
  url: string;
  details: string;
}

interface WeeklyContent {
  i18n: Translator;
  subject: string;
  greeting: string;
  intro: string;
  figuresCaption: string;
  figures: { label: string; value: string }[];
  escalationsHeading: string;
  escalationsIntro: string;
  escalations: EscalationLine[];
  more: string | null;
  reminders: Link;
  footer: Footer;
}

export function renderWeeklySummary(input: WeeklySummaryInput): RenderedMail {
  const content = weeklyContent(input);
  return {
    subject: content.subject,
    text: weeklyText(content),
    html: renderEmailHtml(<WeeklySummary content={content} />),
  };
}

function weeklyContent(input: WeeklySummaryInput): WeeklyContent {
  const i18n = translator(input.locale);
  const { t, plural, date, number } = i18n;
  const total = input.escalations.length + input.moreEscalations;
  const n = input.numbers;
  const figure = (key: MessageKey, value: number) => ({ label: t(key), value: number(value) });
  const details = (e: Escalation) => {
    const vars = {
      ago: plural('email.summary.daysAgo', e.daysSince),
      cadence: plural('email.summary.cadence', e.cadenceDays),
    };
    return e.lastContact
      ? t('email.summary.contacted', { ...vars, date: date(e.lastContact) })
      : t('email.summary.neverContacted', vars);
  };
  return {
    i18n,
    subject: plural('email.summary.subject', total, { centre: input.centreName }),
    greeting: t('email.greeting', { name: input.recipientName }),
    intro: t('email.summary.intro', { centre: input.centreName, from: date(input.weekStart), to: date(input.asOf) }),
    figuresCaption: t('email.summary.figures'),
    figures: [
      figure('email.summary.engagements', n.engagements),
      figure('email.summary.partnersContacted', n.partnersContacted),
      figure('email.summary.remindersCreated', n.remindersCreated),
      figure('email.summary.remindersDone', n.remindersDone),
      figure('email.summary.partnersOverdue', n.partnersOverdue),
    ],
    escalationsHeading: t('email.summary.escalations'),
    escalationsIntro: total === 0 ? t('email.summary.none') : plural('email.summary.some', total),
    escalations: input.escalations.map((e) => ({ name: e.partnerName, url: e.partnerUrl, details: details(e) })),
    more: input.moreEscalations > 0 ? t('email.summary.more', { count: input.moreEscalations }) : null,
    reminders: { label: t('email.summary.reminders'), url: input.remindersUrl },
    footer: footer(i18n, input.preferencesUrl),
  };
}

function weeklyText(c: WeeklyContent): string {
  const { i18n } = c;
  return emailText([
    c.greeting,
    '',
    c.intro,
    '',
    c.figuresCaption,
    ...c.figures.map((f) => labelled(i18n, f.label, f.value)),
    '',
    c.escalationsHeading,
    c.escalationsIntro,
    ...c.escalations.flatMap((e) => [
      `- ${labelled(i18n, e.name, e.details)}`,
      `  ${labelled(i18n, i18n.t('email.digest.open'), e.url)}`,
    ]),
    ...(c.more ? [c.more] : []),
    '',
    labelled(i18n, c.reminders.label, c.reminders.url),
    '',
    footerText(i18n, c.footer),
  ]);
}

function WeeklySummary({ content: c }: { content: WeeklyContent }) {
  return (
    <EmailDocument lang={c.i18n.locale} title={c.subject} footer={<FooterHtml footer={c.footer} />}>
      <p>{c.greeting}</p>
      <p>{c.intro}</p>
      <EmailFigures caption={c.figuresCaption} rows={c.figures} />
      <EmailHeading>{c.escalationsHeading}</EmailHeading>
      <p>{c.escalationsIntro}</p>
      {c.escalations.length > 0 ? (
        <EmailList>
          {c.escalations.map((e) => (
            <EmailListItem>
              <Rich
                text={c.i18n.t('email.labelled')}
                parts={{ label: <a href={e.url}>{e.name}</a>, value: e.details }}
              />
            </EmailListItem>
          ))}
        </EmailList>
      ) : null}
      {c.more ? <p>{c.more}</p> : null}
      <p>
        <a href={c.reminders.url}>{c.reminders.label}</a>
      </p>
    </EmailDocument>
  );
}

// --- Shared parts ---

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
function digestHeadline(i18n: Translator, items: DigestItem[]): string {
  if (items.some((item) => !item.aboutPartner)) return i18n.plural('email.digest.reminders', items.length);
  return i18n.plural('email.digest.partners', new Set(items.map((item) => item.subjectUrl)).size);
}

function footer(i18n: Translator, preferencesUrl: string): Footer {
  return {
    reason: i18n.t('email.footer.reason'),
    preferences: { label: i18n.t('email.footer.preferences'), url: preferencesUrl },
  };
}

function footerText(i18n: Translator, f: Footer): string {
  return `${f.reason} ${labelled(i18n, f.preferences.label, f.preferences.url)}`;
}

function FooterHtml({ footer: f }: { footer: Footer }) {
  return (
    <>
      {f.reason} <a href={f.preferences.url}>{f.preferences.label}</a>
    </>
  );
}

function Links({ links, separator }: { links: Link[]; separator: string }) {
  return (
    <>
      {links.map((link, index) => (
        <>
          {index > 0 ? separator : null}
          <a href={link.url}>{link.label}</a>
        </>
      ))}
    </>
  );
}
