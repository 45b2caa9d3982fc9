import { addDays, daysBetween } from '../common/dates.js';
import type { Centre } from '../database/centre.entity.js';
import { derivedPartnerSql } from '../partners/partner-derived.sql.js';
import type { ReminderKind } from '../reminders/reminder.entity.js';

/**
 * When each reminder kind is due, as one SQL SELECT per kind over a whole centre (never a query per partner).
 * Every rule yields the kind's *due set* as of a day: the reminders that should be open that day, each with
 * columns (kind, partner_id, board_id, contact_id, engagement_id, recipient_id, due_date). The scan inserts the
 * set (a unique dedupe key per kind, subject and due date makes that idempotent) and closes open reminders of
 * the kind that left it. So a rule says both when a reminder starts and when its reason has gone away.
 *
 * Parameters every rule may use: :centreId (bound by CentreTx.derive), :asOf (the local day scanned),
 * :tz (the centre's time zone) and :dayAfter (the instant the day after :asOf starts there: later
 * engagements don't count yet, so any past day can be scanned).
 */
export interface ReminderRule {
  kind: ReminderKind;
  /** The due set's SELECT, or null when the kind has nothing due that day (its open reminders then close). */
  sql: string | null;
  params: Record<string, unknown>;
}

/** The SID dates a scan needs: the centre's own where it set one, the default Tuesday otherwise. */
export type SidDates = (year: number) => string;

/** Days before the SID window opens when the invitations of last year's SID partners are due. */
export const SID_INVITATION_LEAD_DAYS = 30;
/** Days after SID a thank-you (and next step) stays worth sending. */
export const SID_THANK_YOU_DAYS = 60;
/** Days before a board term ends that its reminder is due. */
export const BOARD_TERM_NOTICE_DAYS = 30;
/** A key partner's primary contact is reviewed once a year. */
export const CONTACT_REVIEW_DAYS = 365;

/** A current partner: neither archived nor former. */
const CURRENT = `p.centre_id = :centreId AND p.archived_at IS NULL AND p.status <> 'former'`;

/** The partner's owner, if still an active user of the centre. */
const ACTIVE_OWNER = `(SELECT u.id FROM app_user u WHERE u.id = p.owner_id AND u.centre_id = :centreId AND u.active)`;

/** `preferred` if set, else the centre's first active manager, else its first active admin (null: nobody to tell). */
function recipient(preferred: string): string {
  return `COALESCE(${preferred},
    (SELECT u.id FROM app_user u WHERE u.centre_id = :centreId AND u.active AND u.role IN ('manager', 'admin')
      ORDER BY (u.role = 'manager') DESC, u.created_at, u.id LIMIT 1))`;
}

function select(
  kind: ReminderKind,
  columns: { partner?: string; board?: string; contact?: string; engagement?: string; recipient: string; due: string },
): string {
  return `SELECT '${kind}'::text AS kind, ${columns.partner ?? 'NULL::uuid'} AS partner_id, ${columns.board ?? 'NULL::uuid'} AS board_id,
    ${columns.contact ?? 'NULL::uuid'} AS contact_id, ${columns.engagement ?? 'NULL::uuid'} AS engagement_id,
    ${columns.recipient} AS recipient_id, (${columns.due})::date AS due_date`;
}

/** Whether the partner has been engaged from the start of local day `fromDay` up to the scanned day. */
function engagedSince(fromDay: string): string {
  return `EXISTS (SELECT 1 FROM engagement_partner ep WHERE ep.centre_id = :centreId AND ep.partner_id = p.id
    AND ep.occurred_at >= ((${fromDay})::date::timestamp AT TIME ZONE :tz) AND ep.occurred_at < :dayAfter)`;
}

function hasSidRole(year: string, status = ''): string {
  return `EXISTS (SELECT 1 FROM sid_role r WHERE r.centre_id = :centreId AND r.partner_id = p.id AND r.year = ${year} ${status})`;
}

/** Cadence overdue: the next contact was due before the day. Due on the day contact was due, so it stays one reminder until contact is made. */
function cadenceOverdue(centre: Centre, asOf: string, current: boolean): ReminderRule {
  const derived = derivedPartnerSql('p', { centre, today: asOf, current });
  return {
    kind: 'cadence_overdue',
    sql: `${select('cadence_overdue', { partner: 'p.id', recipient: recipient(ACTIVE_OWNER), due: derived.nextContactDue })}
      FROM partner p WHERE ${CURRENT} AND ${derived.overdue}`,
    params: derived.params,
  };
}

/** Follow-up due: an engagement's follow-up date has come and the partner has had no engagement since. Told to whoever logged it. */
function followUpsDue(): ReminderRule {
  const logger = `(SELECT u.id FROM app_user u WHERE u.id = e.logged_by_id AND u.centre_id = :centreId AND u.active)`;
  return {
    kind: 'follow_up_due',
    sql: `${select('follow_up_due', { partner: 'p.id', engagement: 'e.id', recipient: recipient(`COALESCE(${logger}, ${ACTIVE_OWNER})`), due: 'e.follow_up_at' })}
      FROM engagement_partner ep
      JOIN engagement e ON e.id = ep.engagement_id AND e.centre_id = :centreId
      JOIN partner p ON p.id = ep.partner_id AND p.centre_id = :centreId
      WHERE ep.centre_id = :centreId AND e.follow_up_at <= (:asOf)::date AND p.archived_at IS NULL AND ep.occurred_at < :dayAfter
        AND NOT EXISTS (SELECT 1 FROM engagement_partner later WHERE later.centre_id = :centreId AND later.partner_id = ep.partner_id
          AND later.occurred_at > ep.occurred_at AND later.occurred_at < :dayAfter)`,
    params: {},
  };
}

/**
 * SID invitation: partners with a SID role last year and none yet this year. Due SID_INVITATION_LEAD_DAYS before
 * the coming SID window opens, and open until that SID (after it, the invitation is moot).
 */
function sidInvitations(centre: Centre, asOf: string, sidOf: SidDates): ReminderRule {
  const year = Number(asOf.slice(0, 4));
  const target = [year, year + 1].find((y) => asOf <= sidOf(y))!;
  const due = addDays(addDays(sidOf(target), -centre.sidDaysBefore), -SID_INVITATION_LEAD_DAYS);
  const active = asOf >= due;
  return {
    kind: 'sid_invitation',
    sql: active
      ? `${select('sid_invitation', { partner: 'p.id', recipient: recipient(ACTIVE_OWNER), due: ':invDue' })}
        FROM partner p WHERE ${CURRENT} AND ${hasSidRole('(:invYear)::int - 1')} AND NOT ${hasSidRole('(:invYear)::int')}`
      : null,
    params: { invYear: target, invDue: due },
  };
}

/** SID thank-you and next step: partners whose role was delivered, from the day after SID until they are contacted (or SID_THANK_YOU_DAYS pass). */
function sidThankYous(asOf: string, sidOf: SidDates): ReminderRule {
  const year = Number(asOf.slice(0, 4));
  const sid = [year, year - 1].map(sidOf).find((date) => date < asOf)!;
  const due = addDays(sid, 1);
  const active = daysBetween(sid, asOf) <= SID_THANK_YOU_DAYS;
  return {
    kind: 'sid_thank_you',
    sql: active
      ? `${select('sid_thank_you', { partner: 'p.id', recipient: recipient(ACTIVE_OWNER), due: ':tyDue' })}
        FROM partner p WHERE p.centre_id = :centreId AND p.archived_at IS NULL
          AND ${hasSidRole('(:tyYear)::int', `AND r.status = 'delivered'`)} AND NOT ${engagedSince(':tyDue')}`
      : null,
    params: { tyYear: Number(sid.slice(0, 4)), tyDue: due },
  };
}

/**
 * Keep-warm touchpoints: at each offset of the centre's plan after SID (e.g. +60, +120, +210, +300 days), that
 * year's SID partners (a role not declined) not contacted since the previous touchpoint. Contact inside the SID
 * window does not count for the first: keeping warm is about the rest of the year. A touchpoint stays open until
 * the partner is contacted or the next touchpoint (or the next SID) takes over.
 */
function keepWarm(centre: Centre, asOf: string, sidOf: SidDates): ReminderRule {
  const year = Number(asOf.slice(0, 4));
  const sidYear = [year, year - 1].find((y) => sidOf(y) < asOf)!;
  const sid = sidOf(sidYear);
  const offsets = [...new Set(centre.keepWarmPlan)].sort((a, b) => a - b);
  const index = offsets.findLastIndex((offset) => addDays(sid, offset) <= asOf);
  const nextStart = index + 1 < offsets.length ? addDays(sid, offsets[index + 1]) : sidOf(sidYear + 1);
  if (index < 0 || asOf >= nextStart) return { kind: 'keep_warm', sql: null, params: {} };
  const offset = offsets[index];
  const anchor =
    index === 0 ? addDays(sid, Math.min(centre.sidDaysAfter, offset - 1)) : addDays(sid, offsets[index - 1]);
  return {
    kind: 'keep_warm',
    sql: `${select('keep_warm', { partner: 'p.id', recipient: recipient(ACTIVE_OWNER), due: ':kwDue' })}
      FROM partner p WHERE ${CURRENT} AND ${hasSidRole('(:kwYear)::int', `AND r.status <> 'declined'`)} AND NOT ${engagedSince(':kwFrom')}`,
    params: { kwYear: sidYear, kwDue: addDays(sid, offset), kwFrom: addDays(anchor, 1) },
  };
}

/** Board term ending: BOARD_TERM_NOTICE_DAYS before a member's term ends, until it ends (or is extended). */
function boardTermsEnding(): ReminderRule {
  return {
    kind: 'board_term_ending',
    sql: `${select('board_term_ending', { partner: 'p.id', board: 'm.board_id', recipient: recipient(ACTIVE_OWNER), due: `m.term_end - ${BOARD_TERM_NOTICE_DAYS}` })}
      FROM board_membership m JOIN partner p ON p.id = m.partner_id AND p.centre_id = :centreId
      WHERE m.centre_id = :centreId AND m.term_end IS NOT NULL AND p.archived_at IS NULL
        AND (:asOf)::date BETWEEN m.term_end - ${BOARD_TERM_NOTICE_DAYS} AND m.term_end`,
    params: {},
  };
}

/** Board meeting due: a board with a meeting cadence whose last meeting (or creation) was that many days ago. Told to a manager. */
function boardMeetingsDue(): ReminderRule {
  const lastMeeting = `(SELECT max((bm.held_at AT TIME ZONE :tz)::date) FROM board_meeting bm
    WHERE bm.centre_id = :centreId AND bm.board_id = b.id AND bm.held_at < :dayAfter)`;
  return {
    kind: 'board_meeting_due',
    sql: `SELECT * FROM (${select('board_meeting_due', {
      board: 'b.id',
      recipient: recipient('NULL::uuid'),
      due: `COALESCE(${lastMeeting}, (b.created_at AT TIME ZONE :tz)::date) + b.meeting_cadence_days`,
    })} FROM advisory_board b WHERE b.centre_id = :centreId AND b.meeting_cadence_days IS NOT NULL) due
      WHERE due.due_date <= (:asOf)::date`,
    params: {},
  };
}

/**
 * Contact review: once a year for key partners' primary contacts (is this still the right person?), counted from
 * the contact's creation or the last review marked done.
 */
function contactReviews(): ReminderRule {
  const lastReview = `(SELECT max((r.done_at AT TIME ZONE :tz)::date) FROM reminder r
    WHERE r.centre_id = :centreId AND r.contact_id = c.id AND r.kind = 'contact_review' AND r.state = 'done')`;
  return {
    kind: 'contact_review',
    sql: `SELECT * FROM (${select('contact_review', {
      partner: 'p.id',
      contact: 'c.id',
      recipient: recipient(ACTIVE_OWNER),
      due: `GREATEST((c.created_at AT TIME ZONE :tz)::date, ${lastReview}) + ${CONTACT_REVIEW_DAYS}`,
    })} FROM contact c JOIN partner p ON p.id = c.partner_id AND p.centre_id = :centreId
      WHERE c.centre_id = :centreId AND c."primary" AND c.erased_at IS NULL AND p.tier = 'key' AND ${CURRENT}) due
      WHERE due.due_date <= (:asOf)::date`,
    params: {},
  };
}

/** Every rule for one centre and day, in the order a digest lists them. */
export function reminderRules(
  centre: Centre,
  asOf: string,
  options: { current: boolean; sidOf: SidDates },
): ReminderRule[] {
  return [
    followUpsDue(),
    cadenceOverdue(centre, asOf, options.current),
    boardTermsEnding(),
    boardMeetingsDue(),
    sidInvitations(centre, asOf, options.sidOf),
    sidThankYous(asOf, options.sidOf),
    keepWarm(centre, asOf, options.sidOf),
    contactReviews(),
  ];
}

/** The dedupe key (kind, subject, due date), as SQL over a due-set row `d` and in TypeScript for the same row. */
export const DEDUPE_KEY_SQL = `d.kind || ':' || COALESCE(d.partner_id, d.board_id) || ':' || to_char(d.due_date, 'YYYY-MM-DD')`;
