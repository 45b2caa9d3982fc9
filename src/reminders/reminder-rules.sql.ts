import type { Centre } from '../centres/centre.entity.js';
import type { CentreTx } from '../database/centre-scope.js';
import { Engagement, EngagementPartner } from '../engagements/engagement.entity.js';
import { derivedPartnerSql } from '../partners/partner-derived.sql.js';
import { Partner } from '../partners/partner.entity.js';
import type { ReminderKind } from './reminder.entity.js';

/** A reminder a scan would write: who should do what about which partner, due when. */
export interface DueReminder {
  kind: ReminderKind;
  partnerId: string;
  partnerName: string;
  engagementId: string | null;
  recipientId: string;
  dueDate: string;
}

/** The partner's owner if active, else the centre's first active manager, else its first active admin. */
function recipientSql(preferred: string): string {
  return `COALESCE(
    ${preferred},
    (SELECT u.id FROM app_user u WHERE u.centre_id = p.centre_id AND u.active AND u.role IN ('manager', 'admin')
      ORDER BY (u.role = 'manager') DESC, u.created_at, u.id LIMIT 1))`;
}
const ACTIVE_OWNER = `(SELECT u.id FROM app_user u WHERE u.id = p.owner_id AND u.centre_id = p.centre_id AND u.active)`;

/**
 * Cadence overdue: current partners whose next contact was due before `today`, one statement for the centre.
 * The due date is the day contact was due, so the reminder stays the same one until the partner is contacted.
 */
export async function cadenceOverdue(tx: CentreTx, centre: Centre, today: string, current: boolean): Promise<DueReminder[]> {
  const derived = derivedPartnerSql('p', { centre, today, current });
  return tx
    .select(Partner, 'p')
    .select([`'cadence_overdue' AS kind`, 'p.id AS "partnerId"', 'p.name AS "partnerName"', 'NULL::uuid AS "engagementId"'])
    .addSelect(`${recipientSql(ACTIVE_OWNER)} AS "recipientId"`)
    .addSelect(`to_char(${derived.nextContactDue}, 'YYYY-MM-DD') AS "dueDate"`)
    .setParameters(derived.params)
    .andWhere('p.archived_at IS NULL')
    .andWhere(`p.status <> 'former'`)
    .andWhere(derived.overdue)
    .getRawMany<DueReminder>();
}

/**
 * Follow-up due: engagements whose follow-up date has come while the partner has had no engagement since.
 * The one who logged it is reminded (else the owner, else a manager).
 */
export async function followUpsDue(tx: CentreTx, today: string): Promise<DueReminder[]> {
  return tx
    .select(EngagementPartner, 'ep')
    .innerJoin(Engagement, 'e', 'e.id = ep.engagement_id AND e.centre_id = ep.centre_id')
    .innerJoin(Partner, 'p', 'p.id = ep.partner_id AND p.centre_id = ep.centre_id')
    .select([`'follow_up_due' AS kind`, 'p.id AS "partnerId"', 'p.name AS "partnerName"', 'e.id AS "engagementId"'])
    .addSelect(
      `${recipientSql(`COALESCE((SELECT u.id FROM app_user u WHERE u.id = e.logged_by_id AND u.centre_id = e.centre_id AND u.active), ${ACTIVE_OWNER})`)} AS "recipientId"`,
    )
    .addSelect(`to_char(e.follow_up_at, 'YYYY-MM-DD') AS "dueDate"`)
    .andWhere('e.follow_up_at <= (:today)::date', { today })
    .andWhere('p.archived_at IS NULL')
    .andWhere('NOT EXISTS (SELECT 1 FROM engagement_partner later WHERE later.partner_id = ep.partner_id AND later.occurred_at > ep.occurred_at)')
    .getRawMany<DueReminder>();
}

export function dedupeKeyOf(reminder: Pick<DueReminder, 'kind' | 'partnerId' | 'dueDate'>): string {
  return `${reminder.kind}:${reminder.partnerId}:${reminder.dueDate}`;
}
