import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type {
  DataSource,
  DeepPartial,
  EntityManager,
  EntityMetadata,
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
} from 'typeorm';
import { AuditEvent, type AuditAction } from './audit-event.entity.js';
import { auditSnapshot, auditSnapshotSql, changedFields } from './audit-snapshot.js';
import { Centre } from './centre.entity.js';
import { NotFoundError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { InfrastructureAccess } from './infrastructure-access.js';
import { prepared } from './prepared-statements.js';
import { ScopedSelectQueryBuilder, ScopedUpdateQueryBuilder } from './scoped-query-builders.js';

/** A row of centre data: it belongs to exactly one centre. */
export type CentreOwned = ObjectLiteral & { id: string; centreId: string };

/** Identity, tenancy and timestamps belong to the data layer; no caller sets them. */
const MANAGED_FIELDS = ['id', 'centreId', 'createdAt', 'updatedAt'] as const;
export type NewRecord<E> = Omit<DeepPartial<E>, (typeof MANAGED_FIELDS)[number]>;

export interface ScopedFind<E extends ObjectLiteral> {
  where?: FindOptionsWhere<E> | FindOptionsWhere<E>[];
  order?: FindManyOptions<E>['order'];
  select?: FindManyOptions<E>['select'];
  skip?: number;
  take?: number;
}

/** What a network admin looked at in another centre, for that centre's audit trail. */
export interface Inspection {
  entityType: string;
  entityId: string;
  /** The filters of a list, say; no personal data. */
  detail?: Record<string, unknown>;
}

/**
 * Centre isolation, in one place. Feature code reaches centre data only through a CentreTx, and a CentreTx
 * adds `centre_id = ctx.centreId` to every read and forces it on every write; each create, update and delete
 * writes its audit row in the same transaction. Another centre's record is simply not found (404), never
 * forbidden; a network admin reaches another centre only through `inspect` (audited) or `ctx.inCentre`.
 * Only the infrastructure files listed in eslint.config.mjs may import TypeORM's DataSource, repositories or
 * the transaction behind a CentreTx, so a new endpoint has no other way in.
 */
@Injectable()
export class CentreScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction limited to ctx.centreId; then, once it has committed, the `tx.afterCommit` hooks in order. */
  async transaction<T>(ctx: RequestContext, work: (tx: CentreTx) => Promise<T>): Promise<T> {
    const hooks: AfterCommit[] = [];
    const result = await this.dataSource.transaction((manager) => work(new CentreTx(ctx, manager, false, hooks)));
    for (const hook of hooks) await hook();
    return result;
  }

  /** Reads limited to ctx.centreId, outside a transaction (one round trip per query). Writes are refused. */
  read<T>(ctx: RequestContext, work: (tx: CentreTx) => Promise<T>): Promise<T> {
    return work(new CentreTx(ctx, this.dataSource.manager, true));
  }

  /**
   * A network admin's read of another centre's data: refused unless the route reaches across centres
   * (ctx.inCentre), and recorded first as a 'read' row in that centre's audit trail, so its admins see who looked
   * at what. `work` then reads in that centre, in the same transaction, and cannot write. Reads of one's own
   * centre go through `read` and are not audited.
   */
  async inspect<T>(
    ctx: RequestContext,
    centreId: string,
    what: Inspection,
    work: (tx: CentreTx) => Promise<T>,
  ): Promise<T> {
    const target = ctx.inCentre(centreId);
    return this.dataSource.transaction(async (manager) => {
      const auditor = new CentreTx(target, manager);
      await auditor.centre(); // NotFoundError (404) for a centre that does not exist
      await auditor.audit('read', what.entityType, what.entityId, null, what.detail ?? {});
      return work(new CentreTx(target, manager, true));
    });
  }

  /**
   * The centre a record belongs to, for a network admin reaching across centres (then use ctx.inCentre()).
   * For anyone else this is their own centre: the scoped lookup that follows decides whether the record exists.
   */
  async centreOf<E extends CentreOwned>(ctx: RequestContext, entity: EntityTarget<E>, id: string): Promise<string> {
    if (!ctx.acrossCentres || !isUuid(id)) return ctx.centreId;
    const row = await this.dataSource.manager
      .createQueryBuilder(entity, 'e')
      .select('e.centreId', 'centreId')
      .where('e.id = :id', { id })
      .getRawOne<{ centreId: string }>();
    return row?.centreId ?? ctx.centreId;
  }

  /** Every centre, for a network admin on a network-wide route; only the caller's own centre otherwise. */
  async centres(ctx: RequestContext): Promise<Centre[]> {
    const where = ctx.acrossCentres ? {} : { id: ctx.centreId };
    return this.dataSource.manager.find(Centre, { where, order: { name: 'ASC' } });
  }

  /** Creates a centre (network admins only, see CentresService) with its first audit row. */
  async createCentre(ctx: RequestContext, values: NewRecord<Centre>): Promise<Centre> {
    return this.dataSource.transaction(async (manager) => {
      const centre = await manager.save(manager.create(Centre, stripManaged(values) as DeepPartial<Centre>));
      await new CentreTx(ctx.inCentre(centre.id), manager).audit('create', 'centre', centre.id, null, centre);
      return centre;
    });
  }
}

type AfterCommit = () => Promise<unknown>;

/** Rows per INSERT of insertMany: a few MB of JSON a statement. */
const INSERT_BATCH = 2000;
const AUDIT_COLUMNS = 'centre_id, actor_id, action, entity_type, entity_id, before, after, request_id';

/** The centre record read with each request's session, by its RequestContext (see rememberSessionCentre). */
const sessionCentres = new WeakMap<RequestContext, Centre>();

/**
 * Keeps the signed-in user's centre, read in the same statement as their session (AuthGuard), for this request's
 * reads: `centre()` in a CentreScope.read() of that centre returns it instead of asking PostgreSQL again. Read
 * once per request, never shared between requests, so a settings change applies to the next one. Transactions and
 * locked reads still read the row themselves.
 */
export function rememberSessionCentre(ctx: RequestContext, centre: Centre): void {
  if (centre.id === ctx.centreId) sessionCentres.set(ctx, centre);
}

export interface InsertManyOptions<E> {
  /** The SQL function a column's given value goes through on its way in, by property: `{ searchText: 'keepwarm_fold' }`. */
  applying?: Partial<Record<keyof E & string, string>>;
}

/** Bulk insert statements made and not yet sent: the new records' ids, in the order of the rows. */
export interface PreparedInsert {
  ids: string[];
  run(): Promise<void>;
}

/** One unit of work for one centre. Every method is limited to `ctx.centreId`. */
export class CentreTx {
  // Truly private (not TypeScript's `private`, which `tx['manager']` reads): the only way to the raw manager.
  readonly #manager: EntityManager;
  readonly #readOnly: boolean;
  readonly #hooks?: AfterCommit[];

  /** Made by CentreScope (and unit specs); `hooks` collects the after-commit work of a transaction. */
  constructor(
    readonly ctx: RequestContext,
    manager: EntityManager,
    readOnly = false,
    hooks?: AfterCommit[],
  ) {
    this.#manager = manager;
    this.#readOnly = readOnly;
    this.#hooks = hooks;
  }

  get centreId(): string {
    return this.ctx.centreId;
  }

  find<E extends CentreOwned>(entity: EntityTarget<E>, options: ScopedFind<E> = {}): Promise<E[]> {
    return this.#manager.find(entity, { ...options, where: this.scoped(entity, options.where) });
  }

  findAndCount<E extends CentreOwned>(entity: EntityTarget<E>, options: ScopedFind<E> = {}): Promise<[E[], number]> {
    return this.#manager.findAndCount(entity, { ...options, where: this.scoped(entity, options.where) });
  }

  findOne<E extends CentreOwned>(
    entity: EntityTarget<E>,
    where: FindOptionsWhere<E>,
    select?: ScopedFind<E>['select'],
  ): Promise<E | null> {
    return this.#manager.findOne(entity, { where: this.scoped(entity, where), select });
  }

  count<E extends CentreOwned>(entity: EntityTarget<E>, where?: FindOptionsWhere<E>): Promise<number> {
    return this.#manager.count(entity, { where: this.scoped(entity, where) });
  }

  /** The record with this id in this centre, or NotFoundError (whether it is missing or another centre's). */
  async get<E extends CentreOwned>(entity: EntityTarget<E>, id: string, options: { lock?: boolean } = {}): Promise<E> {
    const meta = this.metadataOf(entity);
    if (!isUuid(id)) throw new NotFoundError(humanName(meta));
    const query = this.select(entity, 'e').comment(prepared('record by id')).andWhere('e.id = :id', { id });
    if (options.lock && !this.#readOnly) query.setLock('pessimistic_write');
    const found = await query.getOne();
    if (!found) throw new NotFoundError(humanName(meta));
    return found;
  }

  /**
   * A query builder limited to this centre; add conditions with andWhere (and Brackets for an OR). The centre
   * condition is added when the SQL is built; where(), orWhere(), rebinding the centre, writing through it or
   * joining centre data without a centre condition throw (see ScopedSelectQueryBuilder).
   */
  select<E extends CentreOwned>(entity: EntityTarget<E>, alias: string): ScopedSelectQueryBuilder<E> {
    this.metadataOf(entity);
    return ScopedSelectQueryBuilder.scoping(this.#manager.createQueryBuilder(entity, alias), alias, this.centreId);
  }

  async insert<E extends CentreOwned>(entity: EntityTarget<E>, values: NewRecord<E>): Promise<E> {
    const meta = this.writable(entity);
    const record = this.#manager.create(entity, {
      ...stripManaged(values),
      centreId: this.centreId,
    } as unknown as DeepPartial<E>);
    const saved = await this.#manager.save(entity, record);
    await this.audit('create', entityTypeOf(meta), saved.id, null, saved);
    return saved;
  }

  /**
   * insert() for many records at once (an import): each batch of `INSERT_BATCH` rows is one statement, an INSERT …
   * SELECT from json_populate_recordset (one parameter, whatever the number of rows and columns) with this centre
   * forced on each, whose RETURNING feeds the batch's audit rows in the same statement (auditSnapshotSql: the same
   * snapshot as insert() writes, built by PostgreSQL from the row as stored). So 50,000 records are a few dozen
   * statements rather than 100,000 round trips, and Node builds no audit JSON. Columns no row gives keep their
   * defaults; `applying` names the SQL function a given column goes through (`{ searchText: 'keepwarm_fold' }`).
   * Returns the new ids in the order of `rows`.
   */
  async insertMany<E extends CentreOwned>(
    entity: EntityTarget<E>,
    rows: NewRecord<E>[],
    options: InsertManyOptions<E> = {},
  ): Promise<string[]> {
    const insert = this.prepareInsertMany(entity, rows, options);
    await insert.run();
    return insert.ids;
  }

  /**
   * insertMany() in two steps, for a caller that overlaps its own work with the database's (the import): the
   * statements and the new ids are made now, in Node, and nothing reaches PostgreSQL until `run()`.
   */
  prepareInsertMany<E extends CentreOwned>(
    entity: EntityTarget<E>,
    rows: NewRecord<E>[],
    options: InsertManyOptions<E> = {},
  ): PreparedInsert {
    const meta = this.writable(entity);
    const entityType = entityTypeOf(meta);
    const table = meta.tablePath;
    const driver = this.#manager.connection.driver;
    const snapshot = auditSnapshotSql(
      meta.columns.map((column) => ({
        propertyName: column.propertyName,
        databaseName: column.databaseName,
        sqlType: driver.normalizeType(column),
      })),
      entityType,
      'inserted',
    );
    const applying = (options.applying ?? {}) as Record<string, string | undefined>;
    const ids: string[] = [];
    const statements: { sql: string; json: string }[] = [];
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      // Ids made here, so that they come back in the order of `rows`.
      const records = rows
        .slice(start, start + INSERT_BATCH)
        .map(
          (row) =>
            ({ ...stripManaged(row as object), id: randomUUID(), centreId: this.centreId }) as Record<string, unknown>,
        );
      const columns = meta.columns.filter((column) => records.some((r) => r[column.propertyName] !== undefined));
      const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
      const values = columns
        .map((column) => {
          const fn = applying[column.propertyName];
          return fn ? `${fn}("${column.databaseName}")` : `"${column.databaseName}"`;
        })
        .join(', ');
      statements.push({
        sql: `WITH inserted AS (
           INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_populate_recordset(NULL::"${table}", $1::json)
           RETURNING *)
         INSERT INTO audit_event (${AUDIT_COLUMNS})
         SELECT inserted.centre_id, $2::uuid, 'create', $3::text, inserted.id::text, NULL, ${snapshot}, $4::text
           FROM inserted`,
        json: JSON.stringify(
          records.map((r) => Object.fromEntries(columns.map((c) => [c.databaseName, r[c.propertyName] ?? null]))),
        ),
      });
      for (const record of records) ids.push(record.id as string);
    }
    return {
      ids,
      run: async () => {
        for (const { sql, json } of statements)
          await this.#manager.query(sql, [json, this.ctx.userId ?? null, entityType, this.ctx.requestId ?? null]);
      },
    };
  }

  /**
   * Applies `patch` to this centre's record (an id, or the record already read with `get(…, { lock: true })` in
   * this transaction, which saves reading it twice); audits the change if there is one.
   */
  async update<E extends CentreOwned>(entity: EntityTarget<E>, target: string | E, patch: NewRecord<E>): Promise<E> {
    const meta = this.writable(entity);
    const current = await this.locked(entity, target);
    const id = current.id;
    const before = auditSnapshot(current);
    // A copy: a record the caller loaded (and may still compare with) keeps its before state.
    const next = this.#manager.merge(
      entity,
      this.#manager.create(entity, { ...current } as DeepPartial<E>),
      stripManaged(patch) as DeepPartial<E>,
    );
    const after = auditSnapshot(next);
    if (changedFields(before, after).length === 0) return current;
    const saved = await this.#manager.save(entity, next);
    await this.audit('update', entityTypeOf(meta), id, before, auditSnapshot(saved));
    return saved;
  }

  async remove<E extends CentreOwned>(entity: EntityTarget<E>, target: string | E): Promise<void> {
    const meta = this.writable(entity);
    const current = await this.locked(entity, target);
    const id = current.id;
    await this.#manager.delete(entity, { id, centreId: this.centreId } as unknown as FindOptionsWhere<E>);
    await this.audit('delete', entityTypeOf(meta), id, current, null);
  }

  /**
   * Inserts link rows (e.g. engagement ↔ partner) with this centre forced on each. Links are part of the
   * record they belong to: audit that record's change instead (with the ids in its snapshot).
   */
  async insertLinks<E extends ObjectLiteral & { centreId: string }>(
    entity: EntityTarget<E>,
    rows: NewRecord<E>[],
  ): Promise<void> {
    this.writable(entity);
    if (rows.length === 0) return;
    const values = rows.map((row) => ({ ...(row as object), centreId: this.centreId }));
    await this.#manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(values as never)
      .execute();
  }

  /** Deletes this centre's link rows matching `where` (not audited, like insertLinks). */
  async deleteLinks<E extends ObjectLiteral & { centreId: string }>(
    entity: EntityTarget<E>,
    where: FindOptionsWhere<E>,
  ): Promise<void> {
    this.writable(entity);
    await this.#manager.delete(entity, { ...where, centreId: this.centreId } as FindOptionsWhere<E>);
  }

  /**
   * Inserts rows the system derives (reminders from a scan) with this centre forced on each, skipping any that
   * collide with a unique key, so a rerun adds nothing. Not audited: they follow from audited data. Returns how
   * many were new.
   */
  async insertDerived<E extends ObjectLiteral & { centreId: string }>(
    entity: EntityTarget<E>,
    rows: NewRecord<E>[],
  ): Promise<number> {
    this.writable(entity);
    let inserted = 0;
    for (let start = 0; start < rows.length; start += 1000) {
      const values = rows.slice(start, start + 1000).map((row) => ({ ...(row as object), centreId: this.centreId }));
      const result = await this.#manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(values as never)
        .orIgnore()
        .returning('id')
        .execute();
      inserted += (result.raw as unknown[]).length;
    }
    return inserted;
  }

  /**
   * An UPDATE limited to this centre, for columns derived from other rows (a partner's last engagement,
   * its search text). Not audited: no one edits them, they follow from audited changes.
   */
  updateDerived<E extends ObjectLiteral & { centreId: string }>(entity: EntityTarget<E>): ScopedUpdateQueryBuilder<E> {
    this.writable(entity);
    return ScopedUpdateQueryBuilder.scoping(this.#manager.createQueryBuilder().update(entity), this.centreId);
  }

  /**
   * One set-based statement that derives rows from this centre's data (the reminder scan: a due set, inserted and
   * reconciled in a single statement). `:centreId` is always bound to this transaction's centre, and the statement
   * must filter every table it reads or writes by it; it is the escape hatch for SQL the query builders cannot
   * express, so keep each use in a file whose name says what it derives. Not audited, like insertDerived.
   * Checked before it runs (see checkDerivation): one statement, :centreId used as a parameter in its code (not
   * only in a comment or a string), and bound here alone. That every table is filtered by it cannot be read off
   * the text; each derivation's integration test with two centres is what shows it.
   */
  async derive<R extends ObjectLiteral>(sql: string, params: Record<string, unknown> = {}): Promise<R[]> {
    this.refuseIfReadOnly();
    checkDerivation(sql, params);
    return this.runBound<R>(sql, params);
  }

  /**
   * One read-only SELECT over this centre's data, for figures the query builders cannot express (the dashboard's
   * metrics): raw rows, never entities. Checked like derive() (one statement, :centreId bound here alone and used
   * as a parameter), and refused if it could write. Allowed in CentreScope.read().
   */
  async report<R extends ObjectLiteral>(sql: string, params: Record<string, unknown> = {}): Promise<R[]> {
    const code = checkDerivation(sql, params);
    if (!/^\s*(SELECT|WITH)\b/i.test(code) || /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|CALL)\b/i.test(code))
      throw new Error('CentreTx.report: a read-only SELECT only');
    return this.runBound<R>(sql, params);
  }

  /** Runs a checked statement with :centreId bound to this transaction's centre. */
  private async runBound<R>(sql: string, params: Record<string, unknown>): Promise<R[]> {
    const [query, values] = this.#manager.connection.driver.escapeQueryWithParameters(sql, {
      ...params,
      centreId: this.centreId,
    });
    return (await this.#manager.query(query, values)) as R[];
  }

  /** The record to change: read and locked by id, or the one the caller already holds (which must be this centre's). */
  private async locked<E extends CentreOwned>(entity: EntityTarget<E>, target: string | E): Promise<E> {
    if (typeof target === 'string') return this.get(entity, target, { lock: true });
    if (target.centreId !== this.centreId) throw new Error('CentreTx: a record of another centre was passed in');
    return target;
  }

  /**
   * This centre's own record and settings. `lock` serialises work on the centre (its scan, its settings, its
   * last admin) with FOR NO KEY UPDATE: rows that merely point at the centre (an engagement, an audit row, a
   * send log entry) can still be written meanwhile, which FOR UPDATE would block, and deadlock with.
   */
  async centre(options: { lock?: boolean } = {}): Promise<Centre> {
    const known = this.#readOnly ? sessionCentres.get(this.ctx) : undefined;
    if (known && known.id === this.centreId) return known;
    const query = this.#manager
      .createQueryBuilder(Centre, 'c')
      .comment(prepared('centre'))
      .where('c.id = :id', { id: this.centreId });
    if (options.lock && !this.#readOnly) query.setLock('for_no_key_update');
    const centre = await query.getOne();
    if (!centre) throw new NotFoundError('Centre');
    return centre;
  }

  async updateCentre(patch: NewRecord<Centre>): Promise<Centre> {
    this.refuseIfReadOnly();
    const current = await this.centre({ lock: true });
    const before = auditSnapshot(current);
    const next = this.#manager.merge(Centre, current, stripManaged(patch) as DeepPartial<Centre>);
    if (changedFields(before, auditSnapshot(next)).length === 0) return current;
    const saved = await this.#manager.save(Centre, next);
    await this.audit('update', 'centre', saved.id, before, saved);
    return saved;
  }

  /**
   * Runs `hook` once this transaction has committed (queueing the jobs of the rows it wrote, say); never if it
   * rolls back. Hooks run in order, after `transaction()`'s work returns and before it resolves.
   */
  afterCommit(hook: AfterCommit): void {
    this.refuseIfReadOnly();
    if (!this.#hooks) throw new Error('CentreTx.afterCommit: this unit of work has no commit to wait for');
    this.#hooks.push(hook);
  }

  /** Records a change the generic methods do not cover. Secrets in before/after are redacted. */
  async audit(
    action: AuditAction,
    entityType: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    this.refuseIfReadOnly();
    await this.#manager.insert(AuditEvent, this.auditEvent(action, entityType, entityId, before, after) as never);
  }

  private auditEvent(
    action: AuditAction,
    entityType: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ): Omit<AuditEvent, 'id' | 'occurredAt'> {
    return {
      centreId: this.centreId,
      actorId: this.ctx.userId ?? null,
      action,
      entityType,
      entityId,
      before: before === null ? null : auditSnapshot(before, entityType),
      after: after === null ? null : auditSnapshot(after, entityType),
      requestId: this.ctx.requestId ?? null,
    };
  }

  /**
   * This transaction, sealed, for the infrastructure services whose tables are not centre data and must change
   * with it (sessions, reset tokens, the outbox): pass it to them. Only they can open it (InfrastructureAccess).
   */
  infrastructureManager(): InfrastructureAccess {
    this.refuseIfReadOnly();
    return InfrastructureAccess.seal(this.#manager);
  }

  private scoped<E extends CentreOwned>(
    entity: EntityTarget<E>,
    where?: FindOptionsWhere<E> | FindOptionsWhere<E>[],
  ): FindOptionsWhere<E>[] {
    this.metadataOf(entity);
    const clauses = where === undefined ? [{}] : Array.isArray(where) ? where : [where];
    // Every OR branch carries the centre, and it overrides any centreId the caller put in.
    return clauses.map((clause) => ({ ...clause, centreId: this.centreId }) as FindOptionsWhere<E>);
  }

  private metadataOf(entity: EntityTarget<ObjectLiteral>): EntityMetadata {
    const meta = this.#manager.dataSource.getMetadata(entity);
    if (!meta.findColumnWithPropertyName('centreId')) {
      throw new Error(`${meta.name} has no centreId column: it is not centre data and cannot go through CentreScope`);
    }
    return meta;
  }

  private writable(entity: EntityTarget<ObjectLiteral>): EntityMetadata {
    this.refuseIfReadOnly();
    return this.metadataOf(entity);
  }

  private refuseIfReadOnly(): void {
    if (this.#readOnly) throw new Error('CentreScope.read() is for reads; use CentreScope.transaction() to write');
  }
}

/**
 * What derive() can check of a statement's text, after blanking its comments, string literals and quoted names:
 * it is one statement, it uses :centreId as a parameter, and the caller does not bind centreId itself. Returns
 * the blanked text, for further checks.
 */
function checkDerivation(sql: string, params: Record<string, unknown>): string {
  if (Object.hasOwn(params, 'centreId'))
    throw new Error("CentreTx.derive: :centreId is bound to the transaction's centre; do not pass it");
  // One pass, left to right: whichever starts first (a comment, a string, a quoted name) is blanked whole.
  const code = sql.replace(
    /--[^\n]*|\/\*[\s\S]*?\*\/|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|'(?:[^']|'')*'|"(?:[^"]|"")*"/g,
    ' ',
  );
  if (!/(?<![:\w]):centreId\b/.test(code))
    throw new Error('CentreTx.derive: the statement must filter by the parameter :centreId');
  if (/;\s*\S/.test(code)) throw new Error('CentreTx.derive: one statement at a time');
  return code;
}

function stripManaged<T extends object>(values: T): T {
  const copy = { ...values } as Record<string, unknown>;
  for (const field of MANAGED_FIELDS) delete copy[field];
  return copy as T;
}

/** "AdvisoryBoard" → "advisory_board": the entity type shown in the audit trail. */
function entityTypeOf(meta: EntityMetadata): string {
  return meta.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function humanName(meta: EntityMetadata): string {
  return meta.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
