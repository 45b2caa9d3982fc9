import { Injectable, type StreamableFile } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { DashboardService } from '../dashboard/dashboard.service.js';
import type { DashboardQueryDto } from '../dashboard/dto/dashboard.dto.js';
import { CentreScope } from '../database/centre-scope.js';
import type { EngagementResponse } from '../engagements/dto/engagement.dto.js';
import { EngagementsService } from '../engagements/engagements.service.js';
import type { PartnerResponse } from '../partners/dto/partner.dto.js';
import { PartnersService } from '../partners/partners.service.js';
import { csvDownload, type CsvColumn } from './csv-stream.js';
import { DASHBOARD_TABLES, isDashboardTable } from './dashboard-tables.js';
import type { EngagementExportQueryDto, PartnerExportQueryDto } from './dto/export-query.dto.js';

const PARTNER_COLUMNS: CsvColumn<PartnerResponse>[] = [
  { header: 'id', value: (p) => p.id },
  { header: 'name', value: (p) => p.name },
  { header: 'sector', value: (p) => p.sector },
  { header: 'tier', value: (p) => p.tier },
  { header: 'status', value: (p) => p.status },
  { header: 'kinds', value: (p) => p.kinds },
  { header: 'country', value: (p) => p.country },
  { header: 'region', value: (p) => p.region },
  { header: 'website', value: (p) => p.website },
  { header: 'tags', value: (p) => p.tags },
  { header: 'owner_id', value: (p) => p.ownerId },
  { header: 'cadence_days', value: (p) => p.cadence.days },
  { header: 'last_engagement_at', value: (p) => p.lastEngagementAt },
  { header: 'next_contact_due', value: (p) => p.nextContactDue },
  { header: 'overdue', value: (p) => p.overdue },
  { header: 'seasonal', value: (p) => p.seasonal },
  { header: 'archived_at', value: (p) => p.archivedAt },
  { header: 'notes', value: (p) => p.notes },
  { header: 'created_at', value: (p) => p.createdAt },
  { header: 'updated_at', value: (p) => p.updatedAt },
];

type ExportedEngagement = EngagementResponse & { partnerNames: string[] };

const ENGAGEMENT_COLUMNS: CsvColumn<ExportedEngagement>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'occurred_at', value: (e) => e.occurredAt },
  { header: 'type', value: (e) => e.type },
  { header: 'partners', value: (e) => e.partnerNames },
  { header: 'partner_ids', value: (e) => e.partnerIds },
  { header: 'summary', value: (e) => e.summary },
  { header: 'outcome', value: (e) => e.outcome },
  { header: 'notes', value: (e) => e.notes },
  { header: 'follow_up_at', value: (e) => e.followUpAt },
  { header: 'sid_year', value: (e) => e.sidYear },
  { header: 'logged_by_id', value: (e) => e.loggedById },
  { header: 'created_at', value: (e) => e.createdAt },
];

interface ContactRow {
  id: string;
  partnerId: string;
  partnerName: string;
  name: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  primary: boolean;
  lawfulBasis: string;
  consentDate: string | null;
  doNotContact: boolean;
  erasedAt: Date | null;
  createdAt: Date;
}

/** Do-not-contact and erased people keep their row, without the fields that reach them (or name them). */
const CONTACT_COLUMNS: CsvColumn<ContactRow>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'partner_id', value: (c) => c.partnerId },
  { header: 'partner', value: (c) => c.partnerName },
  { header: 'name', value: (c) => (c.erasedAt ? null : c.name) },
  { header: 'job_title', value: (c) => (c.erasedAt ? null : c.jobTitle) },
  { header: 'email', value: (c) => (c.erasedAt || c.doNotContact ? null : c.email) },
  { header: 'phone', value: (c) => (c.erasedAt || c.doNotContact ? null : c.phone) },
  { header: 'primary', value: (c) => c.primary },
  { header: 'lawful_basis', value: (c) => c.lawfulBasis },
  { header: 'consent_date', value: (c) => c.consentDate },
  { header: 'do_not_contact', value: (c) => c.doNotContact },
  { header: 'erased_at', value: (c) => c.erasedAt },
  { header: 'created_at', value: (c) => c.createdAt },
];

/**
 * `date` columns come back from PostgreSQL as YYYY-MM-DD text (ISO 8601 already); the rest as Date. Rows are read
 * by id, one batch at a time, each batch a query limited to the caller's centre.
 */
const CONTACT_BATCH_SQL = `
  SELECT c.id, c.partner_id AS "partnerId", p.name AS "partnerName", c.name, c.email, c.phone,
         c.job_title AS "jobTitle", c."primary", c.lawful_basis AS "lawfulBasis",
         to_char(c.consent_date, 'YYYY-MM-DD') AS "consentDate", c.do_not_contact AS "doNotContact",
         c.erased_at AS "erasedAt", c.created_at AS "createdAt"
  FROM contact c
  JOIN partner p ON p.id = c.partner_id AND p.centre_id = :centreId
  WHERE c.centre_id = :centreId AND c.id > :afterId
  ORDER BY c.id
  LIMIT :limit`;

/** Before every uuid: where a contact export starts. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** CSV downloads of what the caller may list, streamed a batch at a time. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly scope: CentreScope,
    private readonly partners: PartnersService,
    private readonly engagements: EngagementsService,
    private readonly dashboards: DashboardService,
  ) {}

  partnersCsv(ctx: RequestContext, query: PartnerExportQueryDto): Promise<StreamableFile> {
    return csvDownload('partners.csv', PARTNER_COLUMNS, (afterId, limit) =>
      this.partners.batchAfter(ctx, query, afterId, limit),
    );
  }

  engagementsCsv(ctx: RequestContext, query: EngagementExportQueryDto): Promise<StreamableFile> {
    return csvDownload('engagements.csv', ENGAGEMENT_COLUMNS, async (afterId, limit) => {
      const batch = await this.engagements.batchAfter(ctx, query, afterId, limit);
      const ids = [...new Set(batch.flatMap((e) => e.partnerIds))];
      const names = new Map(
        ids.length === 0 ? [] : (await this.partners.choices(ctx, { ids })).map((p) => [p.id, p.name]),
      );
      return batch.map((e) => ({ ...e, partnerNames: e.partnerIds.map((id) => names.get(id) ?? '') }));
    });
  }

  contactsCsv(ctx: RequestContext): Promise<StreamableFile> {
    return csvDownload('contacts.csv', CONTACT_COLUMNS, (afterId, limit) =>
      this.scope.read(ctx, (tx) => tx.report<ContactRow>(CONTACT_BATCH_SQL, { afterId: afterId ?? FIRST_ID, limit })),
    );
  }

  /**
   * One table of the centre's dashboard as of `query.asOf`, every row of it (the page lists at most 50 seasonal
   * and overdue partners; the download has them all). An unknown table is a 404 like a missing record.
   */
  async dashboardCsv(ctx: RequestContext, name: string, query: DashboardQueryDto): Promise<StreamableFile> {
    if (!isDashboardTable(name)) throw new NotFoundError('Dashboard table');
    const data = await this.dashboards.centre(ctx, query, 'auto', null);
    return DASHBOARD_TABLES[name].download(`dashboard-${name}-${data.asOf}.csv`, data);
  }
}
