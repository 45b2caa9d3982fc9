import type { CentreTx } from '../database/centre-scope.js';

/**
 * Everything else held about one person, read with SQL over the tables that point at a contact (engagements,
 * board seats, reminders, the audit trail): those features sit above contacts, so their tables are read here
 * by name rather than through their entities. Every table is filtered by this centre.
 */
export interface PersonEngagementRow {
  id: string;
  type: string;
  occurredAt: string;
  summary: string;
  outcome: string | null;
  sidYear: number | null;
  partnerIds: string[];
}

export interface PersonBoardSeatRow {
  id: string;
  boardId: string;
  boardName: string;
  partnerId: string;
  role: string;
  termStart: string;
  termEnd: string | null;
}

export interface PersonReminderRow {
  id: string;
  kind: string;
  partnerId: string | null;
  dueDate: string;
  state: string;
  doneAt: string | null;
}

export interface PersonAuditRow {
  id: string;
  occurredAt: string;
  action: string;
  actorId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export function engagementsOfPerson(tx: CentreTx, contactId: string): Promise<PersonEngagementRow[]> {
  return tx.report<PersonEngagementRow>(
    `SELECT e.id, e.type, to_json(e.occurred_at) #>> '{}' AS "occurredAt", e.summary, e.outcome, e.sid_year AS "sidYear",
            COALESCE((SELECT array_agg(ep.partner_id ORDER BY ep.partner_id) FROM engagement_partner ep
                      WHERE ep.engagement_id = e.id AND ep.centre_id = :centreId), '{}') AS "partnerIds"
       FROM engagement_contact ec
       JOIN engagement e ON e.id = ec.engagement_id AND e.centre_id = :centreId
      WHERE ec.centre_id = :centreId AND ec.contact_id = :contactId
      ORDER BY e.occurred_at, e.id`,
    { contactId },
  );
}

export function boardSeatsOfPerson(tx: CentreTx, contactId: string): Promise<PersonBoardSeatRow[]> {
  return tx.report<PersonBoardSeatRow>(
    `SELECT m.id, m.board_id AS "boardId", b.name AS "boardName", m.partner_id AS "partnerId", m.role,
            to_char(m.term_start, 'YYYY-MM-DD') AS "termStart", to_char(m.term_end, 'YYYY-MM-DD') AS "termEnd"
       FROM board_membership m
       JOIN advisory_board b ON b.id = m.board_id AND b.centre_id = :centreId
      WHERE m.centre_id = :centreId AND m.contact_id = :contactId
      ORDER BY m.term_start, m.id`,
    { contactId },
  );
}

export function remindersAboutPerson(tx: CentreTx, contactId: string): Promise<PersonReminderRow[]> {
  return tx.report<PersonReminderRow>(
    `SELECT r.id, r.kind, r.partner_id AS "partnerId", to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate", r.state,
            to_json(r.done_at) #>> '{}' AS "doneAt"
       FROM reminder r
      WHERE r.centre_id = :centreId AND r.contact_id = :contactId
      ORDER BY r.due_date, r.id`,
    { contactId },
  );
}

export function auditOfPerson(tx: CentreTx, contactId: string): Promise<PersonAuditRow[]> {
  return tx.report<PersonAuditRow>(
    `SELECT a.id::text AS id, to_json(a.occurred_at) #>> '{}' AS "occurredAt", a.action, a.actor_id AS "actorId",
            a.before, a.after
       FROM audit_event a
      WHERE a.centre_id = :centreId AND a.entity_type = 'contact' AND a.entity_id = :contactId
      ORDER BY a.occurred_at, a.id`,
    { contactId },
  );
}

/**
 * Cancels the open reminders about an erased person (a contact review): there is no one left to review, and the
 * scan's contact rules skip erased contacts, so none comes back. Not audited: it follows from the audited erasure.
 * 'cancelled', not 'done': a done review would count as one made. Returns how many were cancelled.
 */
export async function cancelRemindersAboutPerson(tx: CentreTx, contactId: string, now: Date): Promise<number> {
  const rows = await tx.derive(
    `UPDATE reminder SET state = 'cancelled', snoozed_until = NULL, updated_at = :now
      WHERE centre_id = :centreId AND contact_id = :contactId AND state IN ('pending', 'sent', 'snoozed')
      RETURNING id`,
    { contactId, now },
  );
  return rows.length;
}
