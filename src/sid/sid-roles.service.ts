import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { SidRoleKind, SidRoleStatus } from '../common/domain-values.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope, type CentreTx, type NewRecord } from '../database/centre-scope.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import { Partner } from '../partners/partner.entity.js';
import type {
  CreateSidRoleDto,
  SidRoleQueryDto,
  SidRoleResponse,
  SidRoleSort,
  UpdateSidRoleDto,
} from './dto/sid-role.dto.js';
import { canDelete, refusalOf, SID_ROLE_DELETABLE_STATUSES, transitionOf } from './sid-role-status.js';
import { SidRole } from './sid.entity.js';

const DUPLICATE = 'This partner already has this role for this year';

/** Column and direction of each `sort`; ties are broken by partner name, role and id, so pages are stable. */
const ORDER: Record<SidRoleSort, [string, 'ASC' | 'DESC']> = {
  partnerName: ['p.name', 'ASC'],
  '-partnerName': ['p.name', 'DESC'],
  role: ['r.role', 'ASC'],
  status: ['r.status', 'ASC'],
  statusChangedAt: ['r.statusChangedAt', 'ASC'],
  '-statusChangedAt': ['r.statusChangedAt', 'DESC'],
  createdAt: ['r.createdAt', 'ASC'],
  '-createdAt': ['r.createdAt', 'DESC'],
};

interface RoleRow {
  id: string;
  partnerId: string;
  partnerName: string;
  year: number;
  role: SidRoleKind;
  status: SidRoleStatus;
  notes: string | null;
  statusChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** What each partner does for a year's SID, and how far it got (see sid-role-status.ts for the moves). */
@Injectable()
export class SidRolesService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, year: number, query: SidRoleQueryDto): Promise<Page<SidRoleResponse>> {
    return this.scope.read(ctx, async (tx) => {
      const q = rows(tx).andWhere('r.year = :year', { year });
      if (query.status) q.andWhere('r.status = :status', { status: query.status });
      if (query.role) q.andWhere('r.role = :role', { role: query.role });
      if (query.partnerId) q.andWhere('r.partnerId = :partnerId', { partnerId: query.partnerId });
      const [column, direction] = ORDER[query.sort ?? 'partnerName'];
      q.orderBy(column, direction);
      // TypeORM keeps one direction per column: a tie-breaker on the sort column itself would overwrite it.
      for (const tieBreaker of ['p.name', 'r.role', 'r.id']) if (tieBreaker !== column) q.addOrderBy(tieBreaker, 'ASC');
      const total = await q.getCount();
      const page = await q.offset(skipOf(query)).limit(query.limit).getRawMany<RoleRow>();
      return pageOf(page.map(responseOf), total, query);
    });
  }

  async create(ctx: RequestContext, year: number, dto: CreateSidRoleDto): Promise<SidRoleResponse> {
    try {
      return await this.scope.transaction(ctx, async (tx) => {
        const partner = await tx.get(Partner, dto.partnerId);
        if (partner.archivedAt) {
          throw new ConflictError('This partner is archived: restore it before giving it a SID role', [
            { field: 'partnerId', message: 'the partner is archived' },
          ]);
        }
        const role = await tx.insert(SidRole, {
          partnerId: partner.id,
          year,
          role: dto.role,
          status: dto.status ?? 'invited',
          notes: dto.notes ?? null,
          statusChangedAt: this.clock.now(),
        });
        return this.item(tx, role.id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'sid_role_partner_year_role_key'))
        throw new ConflictError(DUPLICATE, [{ field: 'role', message: DUPLICATE }]);
      throw error;
    }
  }

  /** Moves the status along the allowed transitions (the same status changes nothing) and edits the notes. */
  update(ctx: RequestContext, year: number, roleId: string, dto: UpdateSidRoleDto): Promise<SidRoleResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      const role = await roleOfYear(tx, year, roleId);
      const patch: NewRecord<SidRole> = {};
      if (dto.status !== undefined) {
        const outcome = transitionOf(role.status, dto.status);
        if (outcome === 'refused') {
          const message = refusalOf(role.status, dto.status);
          throw new ConflictError(message, [{ field: 'status', message }]);
        }
        if (outcome === 'allowed') Object.assign(patch, { status: dto.status, statusChangedAt: this.clock.now() });
      }
      if (dto.notes !== undefined) patch.notes = dto.notes;
      if (Object.keys(patch).length > 0) await tx.update(SidRole, role, patch);
      return this.item(tx, role.id);
    });
  }

  /** Only roles that came to nothing (invited or declined) can be deleted; the rest is the year's history. */
  remove(ctx: RequestContext, year: number, roleId: string): Promise<void> {
    return this.scope.transaction(ctx, async (tx) => {
      const role = await roleOfYear(tx, year, roleId);
      if (!canDelete(role.status)) {
        throw new ConflictError(
          `A ${role.status} SID role cannot be deleted; only ${SID_ROLE_DELETABLE_STATUSES.join(' or ')} ones can`,
        );
      }
      await tx.remove(SidRole, role);
    });
  }

  private async item(tx: CentreTx, id: string): Promise<SidRoleResponse> {
    const row = await rows(tx).andWhere('r.id = :id', { id }).getRawOne<RoleRow>();
    if (!row) throw new NotFoundError('SID role');
    return responseOf(row);
  }
}

/** The role of this year with this id, locked for the change; another year's (or centre's) is not found. */
async function roleOfYear(tx: CentreTx, year: number, roleId: string): Promise<SidRole> {
  const role = await tx.get(SidRole, roleId, { lock: true });
  if (role.year !== year) throw new NotFoundError('SID role');
  return role;
}

/** Roles with their partner's name, in one query (partners of the same centre: the composite FK guarantees it). */
function rows(tx: CentreTx) {
  return tx
    .select(SidRole, 'r')
    .innerJoin(Partner, 'p', 'p.id = r.partnerId AND p.centreId = r.centreId')
    .select('r.id', 'id')
    .addSelect('r.partnerId', 'partnerId')
    .addSelect('p.name', 'partnerName')
    .addSelect('r.year', 'year')
    .addSelect('r.role', 'role')
    .addSelect('r.status', 'status')
    .addSelect('r.notes', 'notes')
    .addSelect('r.statusChangedAt', 'statusChangedAt')
    .addSelect('r.createdAt', 'createdAt')
    .addSelect('r.updatedAt', 'updatedAt');
}

function responseOf(row: RoleRow): SidRoleResponse {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName: row.partnerName,
    year: Number(row.year),
    role: row.role,
    status: row.status,
    notes: row.notes,
    statusChangedAt: row.statusChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
