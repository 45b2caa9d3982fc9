import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { localDate } from '../common/dates.js';
import { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { ContactPrivacyService } from './contact-privacy.service.js';

export interface RetentionResult {
  /** The centre's local day the rule was applied as of. */
  asOf: string;
  /** The centre's setting (null: off, nothing erased). */
  months: number | null;
  /** Contacts erased by this run (0 on a rerun of the same day). */
  erased: number;
}

interface DueRow {
  id: string;
  archivedBefore: Date;
}

/**
 * The centre's retention rule (Centre.contactRetentionMonths): the contacts of partners archived for at least that
 * many months as of a day are erased, each as POST /api/v1/contacts/:id/erase would (ContactPrivacyService), one
 * transaction per person. Its erasures are the system's (no user in the audit row) with the request id
 * `retention:<day>`, so the audit trail tells them from an admin's. Run by the daily reminder job and `reminders run`.
 */
@Injectable()
export class ContactRetention {
  private readonly logger = new Logger(ContactRetention.name);

  constructor(
    private readonly scope: CentreScope,
    private readonly privacy: ContactPrivacyService,
    private readonly clock: Clock,
  ) {}

  async run(centreId: string, options: { asOf?: string } = {}): Promise<RetentionResult> {
    const reader = RequestContext.system(centreId);
    const { asOf, months, due } = await this.scope.read(reader, async (tx) => {
      const centre = await tx.centre();
      const asOf = options.asOf ?? localDate(this.clock.now(), centre.timezone);
      const months = centre.contactRetentionMonths;
      if (months === null) return { asOf, months, due: [] as DueRow[] };
      // Archived on a local day no later than asOf minus the months (PostgreSQL keeps 31 August − 6 months in February).
      const due = await tx.report<DueRow>(
        `WITH cutoff AS (
           SELECT ((((:asOf)::date - make_interval(months => :months))::date + 1)::timestamp AT TIME ZONE :tz) AS archived_before
         )
         SELECT c.id, cutoff.archived_before AS "archivedBefore"
           FROM contact c
           JOIN partner p ON p.id = c.partner_id AND p.centre_id = :centreId
           CROSS JOIN cutoff
          WHERE c.centre_id = :centreId AND c.erased_at IS NULL
            AND p.archived_at IS NOT NULL AND p.archived_at < cutoff.archived_before
          ORDER BY c.id`,
        { asOf, months, tz: centre.timezone },
      );
      return { asOf, months, due };
    });

    const ctx = RequestContext.system(centreId, `retention:${asOf}`);
    let erased = 0;
    for (const { id, archivedBefore } of due) {
      try {
        // Checked again under the partner's lock: a partner brought back meanwhile keeps its people.
        const done = await this.privacy.eraseIf(
          ctx,
          id,
          (partner) => partner.archivedAt !== null && partner.archivedAt < archivedBefore,
        );
        if (done) erased++;
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error; // deleted meanwhile: nothing left to erase
      }
    }
    if (erased > 0) this.logger.log({ centreId, asOf, months, erased }, 'Contacts erased under the retention rule');
    return { asOf, months, erased };
  }
}
