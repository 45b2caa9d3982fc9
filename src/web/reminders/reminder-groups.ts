import type { ReminderQueryDto, ReminderResponse } from '../../reminders/dto/reminder.dto.js';
import { KIND_ORDER } from '../../reminders/reminder-kinds.js';
import { REMINDER_KINDS, REMINDER_STATES, type ReminderKind } from '../../reminders/reminder.entity.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';

/** What a reminder row needs from the service's answer. */
export type ReminderItem = Pick<
  ReminderResponse,
  'id' | 'kind' | 'partnerId' | 'partnerName' | 'boardId' | 'boardName' | 'dueDate' | 'state' | 'snoozedUntil'
> & { recipientId?: string };

export const KIND_LABELS = {
  follow_up_due: 'reminders.kind.follow_up_due',
  cadence_overdue: 'reminders.kind.cadence_overdue',
  board_term_ending: 'reminders.kind.board_term_ending',
  board_meeting_due: 'reminders.kind.board_meeting_due',
  sid_invitation: 'reminders.kind.sid_invitation',
  sid_thank_you: 'reminders.kind.sid_thank_you',
  keep_warm: 'reminders.kind.keep_warm',
  contact_review: 'reminders.kind.contact_review',
} satisfies Record<ReminderKind, MessageKey>;

/** A group's heading, as the digest email names it. */
export const KIND_HEADINGS = {
  follow_up_due: 'reminders.heading.follow_up_due',
  cadence_overdue: 'reminders.heading.cadence_overdue',
  board_term_ending: 'reminders.heading.board_term_ending',
  board_meeting_due: 'reminders.heading.board_meeting_due',
  sid_invitation: 'reminders.heading.sid_invitation',
  sid_thank_you: 'reminders.heading.sid_thank_you',
  keep_warm: 'reminders.heading.keep_warm',
  contact_review: 'reminders.heading.contact_review',
} satisfies Record<ReminderKind, MessageKey>;

export const STATE_LABELS = {
  pending: 'reminders.state.pending',
  sent: 'reminders.state.sent',
  done: 'reminders.state.done',
  snoozed: 'reminders.state.snoozed',
  cancelled: 'reminders.state.cancelled',
} satisfies Record<(typeof REMINDER_STATES)[number], MessageKey>;

/** The partner (or, for a board's reminder, the board) a reminder is about, and its page. */
export function subjectOf(item: ReminderItem): { name: string | null; href: string | null } {
  if (item.partnerId) return { name: item.partnerName, href: `/partners/${item.partnerId}` };
  if (item.boardId) return { name: item.boardName, href: `/advisory-boards/${item.boardId}` };
  return { name: null, href: null };
}

export interface ReminderGroup<T extends ReminderItem> {
  kind: ReminderKind;
  items: T[];
}

/**
 * Reminders grouped as the digest email groups them: by kind, most urgent kind first (KIND_ORDER), and in each
 * group the oldest due first, then by name.
 */
export function groupByKind<T extends ReminderItem>(items: T[]): ReminderGroup<T>[] {
  const rank = (kind: ReminderKind) => KIND_ORDER.indexOf(kind);
  const name = (item: T) => subjectOf(item).name ?? '';
  const ordered = [...items].sort(
    (a, b) => rank(a.kind) - rank(b.kind) || a.dueDate.localeCompare(b.dueDate) || name(a).localeCompare(name(b)),
  );
  const groups: ReminderGroup<T>[] = [];
  for (const item of ordered) {
    const last = groups[groups.length - 1];
    if (last?.kind === item.kind) last.items.push(item);
    else groups.push({ kind: item.kind, items: [item] });
  }
  return groups;
}

/** Open reminders that ask for something now: not snoozed, and due on or before `until`. */
export function dueBy<T extends ReminderItem>(items: T[], until: string): T[] {
  return items.filter((item) => item.state !== 'snoozed' && item.dueDate <= until);
}

/** The list's filters as the URL carries them: `person` is "all", a user id, or absent (me). */
export interface ReminderFilters {
  person: 'me' | 'all' | string;
  kind?: ReminderKind;
  state?: ReminderQueryDto['state'];
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The filters of GET /reminders from its query string. A value that is not one of the choices is dropped (a stale
 * or hand-edited link still shows a page); coordinators always see their own.
 */
export function readReminderFilters(query: Record<string, unknown>, seesEveryone: boolean): ReminderFilters {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  const person = text('person');
  const kind = text('kind');
  const state = text('state');
  const page = Number(text('page'));
  return {
    person: !seesEveryone ? 'me' : person === 'all' ? 'all' : UUID.test(person) ? person.toLowerCase() : 'me',
    kind: (REMINDER_KINDS as readonly string[]).includes(kind) ? (kind as ReminderKind) : undefined,
    state: (REMINDER_STATES as readonly string[]).includes(state) ? (state as ReminderFilters['state']) : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}
