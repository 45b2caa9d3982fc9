import { Injectable, Logger } from '@nestjs/common';
import { InvalidError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page, type PageQueryDto } from '../common/pagination.js';
import type { FieldError } from '../common/problem.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope, isUuid } from '../database/centre-scope.js';
import {
  type Centre,
  DEFAULT_CADENCE,
  DEFAULT_KEEP_WARM_PLAN,
  DEFAULT_SECTORS,
  type CadencePolicy,
} from '../database/centre.entity.js';
import { CentreEvents } from './centre-events.js';
import { CentreResponse, type CreateCentreDto, type UpdateCentreDto } from './dto/centre.dto.js';

/** Centres and their settings: a centre's admins edit their own, network admins create and edit any. */
@Injectable()
export class CentresService {
  private readonly logger = new Logger(CentresService.name);

  constructor(
    private readonly scope: CentreScope,
    private readonly events: CentreEvents,
  ) {}

  async list(ctx: RequestContext, query: PageQueryDto): Promise<Page<CentreResponse>> {
    const centres = await this.scope.centres(ctx);
    return pageOf(
      centres.slice(skipOf(query), skipOf(query) + query.limit).map(CentreResponse.of),
      centres.length,
      query,
    );
  }

  async get(ctx: RequestContext, id: string): Promise<CentreResponse> {
    return CentreResponse.of(await this.scope.read(this.contextFor(ctx, id), (tx) => tx.centre()));
  }

  async create(ctx: RequestContext, dto: CreateCentreDto): Promise<CentreResponse> {
    const sectors = dto.sectors ?? [...DEFAULT_SECTORS];
    const cadence = dto.cadence ? normaliseCadence(dto.cadence) : DEFAULT_CADENCE;
    checkSectors(sectors, dto.requiredBoardSectors ?? [], cadence);
    const centre = await this.scope.createCentre(ctx, {
      name: dto.name,
      country: dto.country,
      timezone: dto.timezone,
      locale: dto.locale ?? 'en',
      reminderHour: dto.reminderHour ?? 9,
      sidDaysBefore: dto.sidDaysBefore ?? 42,
      sidDaysAfter: dto.sidDaysAfter ?? 14,
      sectors,
      requiredBoardSectors: dto.requiredBoardSectors ?? [],
      cadence,
      keepWarmPlan: sortedPlan(dto.keepWarmPlan) ?? DEFAULT_KEEP_WARM_PLAN,
      contactRetentionMonths: dto.contactRetentionMonths ?? null,
    });
    await this.reschedule(centre);
    return CentreResponse.of(centre);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateCentreDto): Promise<CentreResponse> {
    const saved = await this.scope.transaction(this.contextFor(ctx, id), async (tx) => {
      const current = await tx.centre({ lock: true });
      const cadence = dto.cadence ? normaliseCadence(dto.cadence) : current.cadence;
      checkSectors(dto.sectors ?? current.sectors, dto.requiredBoardSectors ?? current.requiredBoardSectors, cadence);
      const { cadence: _cadence, keepWarmPlan, ...rest } = dto;
      return tx.updateCentre({
        ...rest,
        ...(dto.cadence ? { cadence } : {}),
        ...(keepWarmPlan ? { keepWarmPlan: sortedPlan(keepWarmPlan) } : {}),
      });
    });
    await this.reschedule(saved);
    return CentreResponse.of(saved);
  }

  /**
   * The centre's daily scan and weekly summary follow its reminder hour and time zone (the listeners of CentreEvents).
   * The centre is saved whatever the queue says: if it cannot be reached now, the next worker to start reconciles the schedulers.
   */
  private async reschedule(centre: Centre): Promise<void> {
    try {
      await this.events.centreSaved(centre);
    } catch (error) {
      this.logger.error(
        { err: error, centreId: centre.id },
        "Could not update the centre's reminder schedule; a worker will reconcile it when it starts",
      );
    }
  }

  /** Your own centre, or any for a network admin; anything else is "not found", like a missing centre. */
  private contextFor(ctx: RequestContext, id: string): RequestContext {
    if (!isUuid(id) || (id !== ctx.centreId && !ctx.acrossCentres)) throw new NotFoundError('Centre');
    return ctx.inCentre(id);
  }
}

function normaliseCadence(dto: NonNullable<UpdateCentreDto['cadence']>): CadencePolicy {
  const byTier = Object.fromEntries(
    Object.entries(dto.byTier ?? {}).filter(([, days]) => days !== undefined),
  ) as CadencePolicy['byTier'];
  return { defaultDays: dto.defaultDays, bySector: dto.bySector ?? {}, byTier };
}

function sortedPlan(plan: number[] | undefined): number[] | undefined {
  return plan ? [...plan].sort((a, b) => a - b) : undefined;
}

/** Board sectors and per-sector cadences must name sectors the centre has; cadences are whole days. */
function checkSectors(sectors: string[], required: string[], cadence: CadencePolicy): void {
  const known = new Set(sectors);
  const errors: FieldError[] = [];
  for (const sector of required) {
    if (!known.has(sector))
      errors.push({ field: 'requiredBoardSectors', message: `"${sector}" is not one of the centre's sectors` });
  }
  for (const [sector, days] of Object.entries(cadence.bySector)) {
    if (!known.has(sector))
      errors.push({ field: `cadence.bySector.${sector}`, message: `"${sector}" is not one of the centre's sectors` });
    if (!Number.isInteger(days) || days < 1 || days > 3650)
      errors.push({ field: `cadence.bySector.${sector}`, message: 'must be a whole number of days from 1 to 3650' });
  }
  if (errors.length > 0) throw new InvalidError('One or more settings are invalid', errors);
}
