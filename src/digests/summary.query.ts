import type { Centre } from '../database/centre.entity.js';
import { addDays } from '../common/dates.js';
import type { CentreTx } from '../database/centre-scope.js';
import { Engagement, EngagementPartner } from '../engagements/engagement.entity.js';
import { derivedPartnerSql } from '../partners/partner-derived.sql.js';
import { Partner } from '../partners/partner.entity.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { User } from '../auth/user.entity.js';
import type { WeeklyNumbers } from './digest-render.js';
import { mailableSql } from './digest.query.js';

/** The weekly summary lists this many escalations; the rest are counted. */
export const ESCALATION_LIST_LIMIT = 50;

export interface SummaryRecipient {
  id: string;
  email: string;
  name: string;
  /** Their own language, if they chose one. */
  locale: string | null;
}

export interface EscalationRow {
  id: string;
  name: string;
  /** The local day of the last engagement, or of the partner's creation when never contacted. */
  since: string;
  contacted: boolean;
  daysSince: number;
  cadenceDays: number;
}

/** The weekly summary's readers: the centre's active managers, or its admins when it has no manager; 'off' and do-not-contact left out. */
export function summaryRecipients(tx: CentreTx): Promise<SummaryRecipient[]> {
  return tx
    .select(User, 'u')
    .select(['u.id AS id', 'u.email AS email', 'u.name AS name', 'u.locale AS locale'])
    .andWhere(`u.digest <> 'off'`)
    .andWhere(mailableSql('u'))
    .andWhere(
      `u.role = CASE WHEN EXISTS (SELECT 1 FROM app_user m WHERE m.centre_id = u.centre_id AND m.active AND m.role = 'manager') THEN 'manager' ELSE 'admin' END`,
    )
    .orderBy('u.id')
    .getRawMany<SummaryRecipient>();
}

/**
 * Escalations: current partners whose time since the last engagement (or since they were added, when never
 * contacted) is more than twice their cadence, most overdue first, at most ESCALATION_LIST_LIMIT, with the total.
 */
export async function escalations(
  tx: CentreTx,
  centre: Centre,
  asOf: string,
  current: boolean,
): Promise<{ rows: EscalationRow[]; total: number }> {
  const derived = derivedPartnerSql('p', { centre, today: asOf, current });
  const since = `(COALESCE(${derived.lastEngagementAt}, p.created_at) AT TIME ZONE :dTimezone)::date`;
  const cadence = `(${derived.nextContactDue} - ${since})`;
  const daysSince = `((:dToday)::date - ${since})`;
  const rows = await currentPartners(tx)
    .select([
      'p.id AS id',
      'p.name AS name',
      `to_char(${since}, 'YYYY-MM-DD') AS since`,
      `(${derived.lastEngagementAt} IS NOT NULL) AS contacted`,
    ])
    .addSelect([`${daysSince} AS "daysSince"`, `${cadence} AS "cadenceDays"`, 'count(*) OVER ()::int AS total'])
    .setParameters(derived.params)
    .andWhere(`${daysSince} > 2 * ${cadence}`)
    .orderBy(`(:dToday)::date - ${derived.nextContactDue}`, 'DESC')
    .addOrderBy('p.name', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .limit(ESCALATION_LIST_LIMIT)
    .getRawMany<EscalationRow & { total: number }>();
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

/** The week's numbers for the 7 local days ending `asOf`. */
export async function weeklyNumbers(
  tx: CentreTx,
  centre: Centre,
  asOf: string,
  current: boolean,
): Promise<WeeklyNumbers> {
  const week = { wFrom: addDays(asOf, -6), wTo: asOf, wTimezone: centre.timezone };
  const inWeek = (column: string) =>
    `${column} >= ((:wFrom)::date::timestamp AT TIME ZONE :wTimezone) AND ${column} < (((:wTo)::date + 1)::timestamp AT TIME ZONE :wTimezone)`;
  const derived = derivedPartnerSql('p', { centre, today: asOf, current });
  // One after another: the queries share the transaction's connection.
  const engagements = await tx.select(Engagement, 'e').andWhere(inWeek('e.occurred_at'), week).getCount();
  const contacted = await tx
    .select(EngagementPartner, 'ep')
    .select('count(DISTINCT ep.partner_id)::int', 'n')
    .andWhere(inWeek('ep.occurred_at'), week)
    .getRawOne<{ n: number }>();
  const remindersCreated = await tx.select(Reminder, 'r').andWhere(inWeek('r.created_at'), week).getCount();
  const remindersDone = await tx
    .select(Reminder, 'r')
    .andWhere(`r.state = 'done'`)
    .andWhere(inWeek('r.done_at'), week)
    .getCount();
  const partnersOverdue = await currentPartners(tx).setParameters(derived.params).andWhere(derived.overdue).getCount();
  return { engagements, partnersContacted: contacted?.n ?? 0, remindersCreated, remindersDone, partnersOverdue };
}

/** Partners the centre still works with: what reminders and escalations are about. */
function currentPartners(tx: CentreTx) {
  return tx.select(Partner, 'p').andWhere('p.archived_at IS NULL').andWhere(`p.status <> 'former'`);
}
