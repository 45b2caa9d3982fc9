import { Injectable } from '@nestjs/common';
import type { Centre } from '../database/centre.entity.js';
import { Clock } from '../common/clock.js';
import { isIsoDate, localDate } from '../common/dates.js';
import { InvalidError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope, isUuid, type CentreTx } from '../database/centre-scope.js';
import { User } from '../auth/user.entity.js';
import { escapeLike } from '../database/like-pattern.js';
import { prepared } from '../database/prepared-statements.js';
import type {
  CreatePartnerDto,
  PartnerQueryDto,
  PartnerResponse,
  PartnerSort,
  UpdatePartnerDto,
} from './dto/partner.dto.js';
import type { DuplicatePair } from './dto/partner-duplicates.dto.js';
import { derivedPartnerSql, type CadenceSource } from './partner-derived.sql.js';
import { duplicatePairs } from './partner-duplicates.js';
import { refreshSearchText } from './partner-stats.js';
import { Partner } from './partner.entity.js';

/** A partner as a choice in a form: no derived fields. */
export interface PartnerChoice {
  id: string;
  name: string;
  sector: string;
  status: Partner['status'];
  archived: boolean;
}

/** Organisations the centre works with, with the fields derived from their history. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  /** One query for the page and one for the total, whatever the number of partners and engagements. */
  list(ctx: RequestContext, query: PartnerQueryDto): Promise<Page<PartnerResponse>> {
    return this.scope.read(ctx, async (tx) => {
      const q = await this.filtered(tx, query);
      const total = await q.builder.getCount();
      const [column, direction] = sortOf(query.sort ?? 'name', q.derived);
      const rows = await q.builder
        .orderBy(column, direction, 'NULLS LAST')
        .addOrderBy('p.id', 'ASC')
        .offset(skipOf(query))
        .limit(query.limit)
        .getRawMany<PartnerRow>();
      return pageOf(rows.map(toResponse), total, query);
    });
  }

  /**
   * The list's partners (same filters, no paging) by id, `limit` at a time after `afterId`: keyset pages for an
   * export that never holds the whole list.
   */
  batchAfter(
    ctx: RequestContext,
    query: Omit<PartnerQueryDto, 'page' | 'limit' | 'sort'>,
    afterId: string | null,
    limit: number,
  ): Promise<PartnerResponse[]> {
    return this.scope.read(ctx, async (tx) => {
      const q = await this.filtered(tx, query);
      if (afterId !== null) q.builder.andWhere('p.id > :afterId', { afterId });
      const rows = await q.builder.orderBy('p.id', 'ASC').limit(limit).getRawMany<PartnerRow>();
      return rows.map(toResponse);
    });
  }

  /** The list's query with its filters applied. */
  private async filtered(tx: CentreTx, query: Omit<PartnerQueryDto, 'page' | 'limit' | 'sort'>) {
    const centre = await tx.centre();
    const search = query.search?.trim();
    // Not prepared with a search: PostgreSQL's generic plan for a prepared LIKE cannot see the pattern, and took
    // the trigram index over every centre's partners for a short one (12 ms instead of 1 ms with `search=ex`).
    const q = this.selectWithDerived(tx, centre, query.asOf, { prepared: !search });
    const derived = q.derived;
    q.builder.andWhere(query.archived ? 'p.archived_at IS NOT NULL' : 'p.archived_at IS NULL');
    if (search) {
      q.builder.andWhere(`p.search_text LIKE '%' || keepwarm_fold(:search) || '%' ESCAPE '\\'`, {
        search: escapeLike(search),
      });
    }
    if (query.sector) q.builder.andWhere('p.sector = :sector', { sector: query.sector });
    if (query.status) q.builder.andWhere('p.status = :status', { status: query.status });
    if (query.tier) q.builder.andWhere('p.tier = :tier', { tier: query.tier });
    if (query.ownerId) q.builder.andWhere('p.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.tag) q.builder.andWhere(':tag = ANY(p.tags)', { tag: query.tag });
    if (query.overdue !== undefined) q.builder.andWhere(query.overdue ? derived.overdue : `NOT ${derived.overdue}`);
    return q;
  }

  /**
   * Partners as choices for a form (a select, a picker): id, name, sector and status only, by name, in one light
   * query. The current (not archived) ones, or exactly those of `ids` (archived or not).
   */
  choices(ctx: RequestContext, options: { ids?: string[] } = {}): Promise<PartnerChoice[]> {
    return this.scope.read(ctx, async (tx) => {
      const q = tx.select(Partner, 'p').select(['p.id', 'p.name', 'p.sector', 'p.status', 'p.archivedAt']);
      if (options.ids) {
        const ids = options.ids.filter(isUuid);
        if (ids.length === 0) return [];
        q.andWhere('p.id IN (:...ids)', { ids });
      } else q.andWhere('p.archivedAt IS NULL');
      const rows = await q.orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').getMany();
      return rows.map((p) => ({
        id: p.id,
        name: p.name,
        sector: p.sector,
        status: p.status,
        archived: !!p.archivedAt,
      }));
    });
  }

  /**
   * Pairs of current partners that look like one organisation (see duplicatePairs): one light query over the
   * centre's current partners, matched in memory by the import's rules (which SQL cannot fold the same way).
   */
  duplicates(ctx: RequestContext): Promise<DuplicatePair[]> {
    return this.scope.read(ctx, async (tx) => {
      const rows = await tx
        .select(Partner, 'p')
        .select(['p.id', 'p.name', 'p.website', 'p.sector', 'p.createdAt'])
        .andWhere('p.archivedAt IS NULL')
        .orderBy('p.createdAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .getMany();
      return duplicatePairs(rows.map((p) => ({ id: p.id, name: p.name, website: p.website, sector: p.sector })));
    });
  }

  get(ctx: RequestContext, id: string, asOf?: string): Promise<PartnerResponse> {
    return this.scope.read(ctx, (tx) => this.load(tx, id, asOf));
  }

  async create(ctx: RequestContext, dto: CreatePartnerDto): Promise<PartnerResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      await this.checkReferences(tx, dto);
      const partner = await tx.insert(Partner, newPartnerFields(dto));
      await refreshSearchText(tx, [partner.id]);
      return this.load(tx, partner.id);
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdatePartnerDto): Promise<PartnerResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      const current = await tx.get(Partner, id, { lock: true });
      await this.checkReferences(tx, dto);
      const { archived, ...fields } = dto;
      // Archiving an archived partner keeps the first date.
      const archivedAt =
        archived === undefined || (archived && current.archivedAt)
          ? {}
          : { archivedAt: archived ? this.clock.now() : null };
      await tx.update(Partner, current, { ...fields, ...archivedAt });
      if (fields.name !== undefined || fields.tags !== undefined) await refreshSearchText(tx, [id]);
      return this.load(tx, id);
    });
  }

  /** Partners are archived, never deleted: they leave lists and reminders and keep their history. */
  archive(ctx: RequestContext, id: string): Promise<PartnerResponse> {
    return this.update(ctx, id, { archived: true });
  }

  /** The partner with its derived fields, through the same SQL as the list. */
  private async load(tx: CentreTx, id: string, asOf?: string): Promise<PartnerResponse> {
    if (!isUuid(id)) throw new NotFoundError('Partner');
    const centre = await tx.centre();
    const row = await this.selectWithDerived(tx, centre, asOf)
      .builder.andWhere('p.id = :id', { id })
      .getRawOne<PartnerRow>();
    if (!row) throw new NotFoundError('Partner');
    return toResponse(row);
  }

  /** The partners with their derived fields; sent as a named statement (planned once per connection) unless told not to. */
  private selectWithDerived(tx: CentreTx, centre: Centre, asOf: string | undefined, options = { prepared: true }) {
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new InvalidError('asOf is not a date', [
        { field: 'asOf', message: 'asOf must be a real date written YYYY-MM-DD' },
      ]);
    const today = localDate(this.clock.now(), centre.timezone);
    const derived = derivedPartnerSql('p', {
      centre,
      today: asOf ?? today,
      current: asOf === undefined || asOf === today,
    });
    const builder = tx
      .select(Partner, 'p')
      .comment(options.prepared ? prepared('partner with derived fields') : '')
      .select(PARTNER_COLUMNS.map(([column, alias]) => `p.${column} AS "${alias}"`))
      .addSelect(derived.selects)
      .setParameters(derived.params);
    return { builder, derived };
  }

  private async checkReferences(tx: CentreTx, dto: { sector?: string; ownerId?: string | null }): Promise<void> {
    if (dto.sector !== undefined) {
      const centre = await tx.centre();
      if (!centre.sectors.includes(dto.sector)) {
        throw new InvalidError('Unknown sector', [
          { field: 'sector', message: `sector must be one of the centre's sectors: ${centre.sectors.join(', ')}` },
        ]);
      }
    }
    if (dto.ownerId) {
      const owner = await tx.findOne(User, { id: dto.ownerId, active: true });
      if (!owner) throw new NotFoundError('Owner (an active user of this centre)');
    }
  }
}

const PARTNER_COLUMNS = [
  ['id', 'id'],
  ['name', 'name'],
  ['sector', 'sector'],
  ['tier', 'tier'],
  ['kinds', 'kinds'],
  ['country', 'country'],
  ['region', 'region'],
  ['website', 'website'],
  ['owner_id', 'ownerId'],
  ['cadence_days', 'ownCadenceDays'],
  ['tags', 'tags'],
  ['notes', 'notes'],
  ['status', 'status'],
  ['archived_at', 'archivedAt'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
] as const;

interface PartnerRow {
  id: string;
  name: string;
  sector: string;
  tier: PartnerResponse['tier'];
  kinds: string[];
  country: string | null;
  region: string | null;
  website: string | null;
  ownerId: string | null;
  ownCadenceDays: number | null;
  tags: string[];
  notes: string | null;
  status: PartnerResponse['status'];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  cadenceDays: number;
  cadenceSource: CadenceSource;
  lastEngagementAt: Date | null;
  nextContactDue: string;
  overdue: boolean;
  seasonal: boolean;
}

function toResponse(row: PartnerRow): PartnerResponse {
  return {
    id: row.id,
    name: row.name,
    sector: row.sector,
    tier: row.tier,
    kinds: row.kinds,
    country: row.country,
    region: row.region,
    website: row.website,
    ownerId: row.ownerId,
    cadenceDays: row.ownCadenceDays,
    tags: row.tags,
    notes: row.notes,
    status: row.status,
    archived: row.archivedAt !== null,
    archivedAt: iso(row.archivedAt),
    cadence: { days: Number(row.cadenceDays), source: row.cadenceSource },
    lastEngagementAt: iso(row.lastEngagementAt),
    nextContactDue: row.nextContactDue,
    overdue: row.overdue,
    seasonal: row.seasonal,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function sortOf(
  sort: PartnerSort,
  derived: { nextContactDue: string; lastEngagementAt: string },
): [string, 'ASC' | 'DESC'] {
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  switch (sort.replace(/^-/, '')) {
    case 'nextContactDue':
      return [derived.nextContactDue, direction];
    case 'lastEngagementAt':
      return [derived.lastEngagementAt, direction];
    case 'createdAt':
      return ['p.created_at', direction];
    default:
      return ['p.name', direction];
  }
}

/** A new partner's columns from a create request, with the defaults every way in (API, page, import) shares. */
export function newPartnerFields(dto: CreatePartnerDto) {
  return {
    name: dto.name,
    sector: dto.sector,
    tier: dto.tier ?? 'regular',
    kinds: dto.kinds ?? [],
    country: dto.country ?? null,
    region: dto.region ?? null,
    website: dto.website ?? null,
    ownerId: dto.ownerId ?? null,
    cadenceDays: dto.cadenceDays ?? null,
    tags: dto.tags ?? [],
    notes: dto.notes ?? null,
    status: dto.status ?? 'active',
  };
}
