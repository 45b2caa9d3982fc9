import { Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { addDays, isMonday, localDate, zonedTime } from '../common/dates.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { DigestService } from '../digests/digest.service.js';
import { sidDateOf } from '../sid/sid-calendar.js';
import { SidCampaign } from '../sid/sid.entity.js';
import { Reminder, type ReminderKind, ReminderScanRun, type ScanTrigger } from '../reminders/reminder.entity.js';
import { DEDUPE_KEY_SQL, reminderRules, type ReminderRule } from './reminder-rules.sql.js';

/** A reminder a scan would write: who should do what about which partner (or board), due when. */
export interface DueReminder {
  kind: ReminderKind;
  partnerId: string | null;
  partnerName: string | null;
  boardId: string | null;
  boardName: string | null;
  contactId: string | null;
  engagementId: string | null;
  recipientId: string;
  dueDate: string;
}

export interface ScanResult {
  asOf: string;
  dryRun: boolean;
  /** Everything due as of that day, soonest first (what a dry run would write). */
  due: DueReminder[];
  /** How many reminders are due that day. */
  dueCount: number;
  /** New reminder rows (0 on a dry run, and on a rerun of the same day). */
  created: number;
  /** Open reminders closed because their reason went away (the partner was contacted, the term extended…). */
  resolved: number;
  /** Snoozed reminders whose date came, open again. */
  reopened: number;
  /** Digest emails staged (one per recipient with something new; a manager's weekly summary on Mondays). */
  emails: number;
}

export interface ScanOptions {
  asOf?: string;
  dryRun?: boolean;
  /** Who asked: recorded in the scan log. */
  trigger: ScanTrigger;
  /** List the due reminders in the result (always for a dry run); the scheduled scan only needs counts. */
  listDue?: boolean;
  /**
   * Stage the weekly manager summary too: 'mondays' when the day scanned is a Monday (an admin's or the CLI's run,
   * so that walking days reproduces what the schedulers do); the scheduled daily scan leaves it to the weekly job.
   */
  weeklySummary?: 'mondays';
}

interface KindCounts {
  due: number;
  created: number;
  resolved: number;
}

/**
 * The scan of one centre for one day, in one transaction: each kind's due set (src/reminders/reminder-rules.sql.ts)
 * is inserted and reconciled by a single statement, with a unique dedupe key (kind, subject, due date) so running
 * the same day twice creates nothing new; then the day's digests are staged in the outbox in the same transaction
 * as the reminders they report. Any day can be scanned, for a preview (dry run) or for real.
 */
@Injectable()
export class ReminderScan {
  private readonly logger = new Logger(ReminderScan.name);

  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
    private readonly digests: DigestService,
  ) {}

  run(ctx: RequestContext, options: ScanOptions): Promise<ScanResult> {
    return this.scope.transaction(ctx, async (tx) => {
      const startedAt = this.clock.now();
      // One scan of a centre at a time: a scheduled scan and an admin's run of the same day queue up, never interleave.
      const centre = await tx.centre({ lock: true });
      const today = localDate(startedAt, centre.timezone);
      const asOf = options.asOf ?? today;
      const rules = reminderRules(centre, asOf, { current: asOf === today, sidOf: await sidDates(tx, asOf) });
      const params = { asOf, tz: centre.timezone, dayAfter: zonedTime(addDays(asOf, 1), 0, centre.timezone) };

      const listDue = options.dryRun || options.listDue;
      const due = listDue ? await this.listDue(tx, rules, params) : [];
      if (options.dryRun)
        return { asOf, dryRun: true, due, dueCount: due.length, created: 0, resolved: 0, reopened: 0, emails: 0 };

      const totals: KindCounts = { due: 0, created: 0, resolved: 0 };
      for (const rule of rules) {
        const counts = await this.reconcile(tx, rule, params);
        totals.due += counts.due;
        totals.created += counts.created;
        totals.resolved += counts.resolved;
      }
      const reopened = await this.reopenSnoozed(tx, asOf);
      let emails = await this.digests.stageDailyDigests(tx, centre, asOf);
      if (options.weeklySummary === 'mondays' && isMonday(asOf))
        emails += await this.digests.stageWeeklySummaries(tx, centre, asOf);

      const result: ScanResult = {
        asOf,
        dryRun: false,
        due,
        dueCount: totals.due,
        created: totals.created,
        resolved: totals.resolved,
        reopened,
        emails,
      };
      await tx.insertDerived(ReminderScanRun, [
        {
          asOf,
          trigger: options.trigger,
          startedAt,
          finishedAt: this.clock.now(),
          due: totals.due,
          created: totals.created,
          resolved: totals.resolved,
          emails,
        },
      ]);
      this.logger.log(
        { centreId: centre.id, asOf, trigger: options.trigger, ...totals, reopened, emails },
        'Reminder scan',
      );
      return result;
    });
  }

  /** The managers' weekly summary for today, staged in the outbox. Returns the emails staged. */
  weeklySummary(ctx: RequestContext): Promise<number> {
    return this.scope.transaction(ctx, async (tx) => {
      const centre = await tx.centre({ lock: true });
      return this.digests.stageWeeklySummaries(tx, centre, localDate(this.clock.now(), centre.timezone));
    });
  }

  /**
   * One statement per kind: the due set is inserted (existing keys skipped) and the kind's open reminders that
   * left the set are closed, so a reminder ends when its reason does, whatever the reason was.
   */
  private async reconcile(tx: CentreTx, rule: ReminderRule, params: Record<string, unknown>): Promise<KindCounts> {
    const dueSet =
      rule.sql ??
      `SELECT NULL::text AS kind, NULL::uuid AS partner_id, NULL::uuid AS board_id, NULL::uuid AS contact_id,
      NULL::uuid AS engagement_id, NULL::uuid AS recipient_id, NULL::date AS due_date WHERE false`;
    const [counts] = await tx.derive<KindCounts>(
      `WITH due AS (
        SELECT DISTINCT ON (dedupe_key) * FROM (SELECT d.*, ${DEDUPE_KEY_SQL} AS dedupe_key FROM (${dueSet}) d WHERE d.recipient_id IS NOT NULL) keyed
      ), created AS (
        INSERT INTO reminder (centre_id, kind, partner_id, board_id, contact_id, engagement_id, recipient_id, due_date, dedupe_key)
        SELECT :centreId, kind, partner_id, board_id, contact_id, engagement_id, recipient_id, due_date, dedupe_key FROM due
        ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
      ), resolved AS (
        UPDATE reminder r SET state = 'done', done_at = :now, updated_at = :now
        WHERE r.centre_id = :centreId AND r.kind = :kind AND r.state IN ('pending', 'sent', 'snoozed') AND r.due_date <= (:asOf)::date
          -- NOT IN over the small due set: a hashed subplan, whatever the statistics of a freshly filled table say.
          AND r.dedupe_key NOT IN (SELECT dedupe_key FROM due)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM due)::int AS due, (SELECT count(*) FROM created)::int AS created, (SELECT count(*) FROM resolved)::int AS resolved`,
      { ...params, ...rule.params, kind: rule.kind, now: this.clock.now() },
    );
    return counts!;
  }

  private async reopenSnoozed(tx: CentreTx, asOf: string): Promise<number> {
    const reopened = await tx
      .updateDerived(Reminder)
      .set({ state: 'pending', snoozedUntil: null })
      .andWhere(`state = 'snoozed' AND snoozed_until <= (:asOf)::date`, { asOf })
      .execute();
    return reopened.affected ?? 0;
  }

  /** The due sets of every kind with names, for a preview: soonest due first. */
  private async listDue(tx: CentreTx, rules: ReminderRule[], params: Record<string, unknown>): Promise<DueReminder[]> {
    const due: DueReminder[] = [];
    for (const rule of rules.filter((r) => r.sql)) {
      due.push(
        ...(await tx.derive<DueReminder>(
          `SELECT DISTINCT ON (${DEDUPE_KEY_SQL}) d.kind, d.partner_id AS "partnerId", p.name AS "partnerName", d.board_id AS "boardId",
            b.name AS "boardName", d.contact_id AS "contactId", d.engagement_id AS "engagementId", d.recipient_id AS "recipientId",
            to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate"
          FROM (${rule.sql}) d
          LEFT JOIN partner p ON p.id = d.partner_id AND p.centre_id = :centreId
          LEFT JOIN advisory_board b ON b.id = d.board_id AND b.centre_id = :centreId
          WHERE d.recipient_id IS NOT NULL`,
          { ...params, ...rule.params },
        )),
      );
    }
    return due.sort(
      (a, b) =>
        a.dueDate.localeCompare(b.dueDate) ||
        (a.partnerName ?? a.boardName ?? '').localeCompare(b.partnerName ?? b.boardName ?? ''),
    );
  }
}

/** The centre's SID date of any year a scan asks about: its own where it set one, the default Tuesday otherwise. */
async function sidDates(tx: CentreTx, asOf: string) {
  const year = Number(asOf.slice(0, 4));
  const campaigns = await tx.find(SidCampaign, { where: { year: In([year - 1, year, year + 1]) } });
  const overrides = new Map(campaigns.map((c) => [c.year, c.date]));
  return (y: number): string => sidDateOf(y, overrides.get(y)).date;
}
