import { SelectQueryBuilder, UpdateQueryBuilder, type EntityTarget, type ObjectLiteral } from 'typeorm';

type QueryRunner = ConstructorParameters<typeof SelectQueryBuilder>[1];

/** The parameter that carries the centre; nothing else may bind it. */
export const SCOPE_PARAMETER = 'scopeCentreId';

interface Scope {
  /** The condition every statement carries, e.g. `p.centreId = :scopeCentreId`. */
  condition: string;
  centreId: string;
}

type Where = Parameters<SelectQueryBuilder<ObjectLiteral>['where']>[0];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's own signature for a subquery source
type FromTarget<T extends ObjectLiteral> = EntityTarget<T> | ((qb: SelectQueryBuilder<any>) => SelectQueryBuilder<any>);

function misuse(method: string): Error {
  return new Error(
    `CentreTx: ${method}() on a centre-scoped query would replace or widen its centre filter; use andWhere() (with Brackets for an OR)`,
  );
}

function unscopedRead(method: string): Error {
  return new Error(
    `CentreTx: ${method}() on a centre-scoped query would read a table without its centre filter; use another tx.select() as the subquery`,
  );
}

function refuseRebinding(scope: Scope | undefined, key: string, value: unknown): void {
  if (scope && key === SCOPE_PARAMETER && value !== scope.centreId)
    throw new Error(`CentreTx: :${SCOPE_PARAMETER} is the query's centre and cannot be rebound`);
}

/**
 * The caller's conditions, in brackets, ANDed to the centre condition when the SQL is built: whatever the
 * caller added (an OR at the top level included) can only narrow the centre's rows.
 */
function withScope(builder: { expressionMap: { wheres: unknown[] } }, scope: Scope, build: () => string): string {
  const map = builder.expressionMap;
  const own = map.wheres;
  map.wheres = [
    { type: 'simple', condition: scope.condition },
    ...(own.length > 0 ? [{ type: 'and', condition: { operator: 'brackets', condition: own } }] : []),
  ];
  try {
    return build();
  } finally {
    map.wheres = own;
  }
}

/**
 * What `CentreTx.select()` returns: a SelectQueryBuilder that always filters its main alias by the centre.
 * The filter is added when the SQL is built, so no call can remove it; `where`/`orWhere` (and what calls them)
 * throw, as do rebinding the centre parameter, turning the read into a write, reading another table unscoped
 * (from, addFrom, subQuery: use a second `tx.select()` as the subquery) and joining centre data without a
 * condition on its centre. Clones keep all of it; the builders Brackets get are plain.
 */
export class ScopedSelectQueryBuilder<E extends ObjectLiteral> extends SelectQueryBuilder<E> {
  #scope?: Scope;

  constructor(from: SelectQueryBuilder<E> | SelectQueryBuilder<E>['dataSource'], queryRunner?: QueryRunner) {
    super(from as never, queryRunner);
    if (from instanceof ScopedSelectQueryBuilder) this.#scope = from.#scope;
  }

  /** @internal For CentreTx. */
  static scoping<E extends ObjectLiteral>(
    builder: SelectQueryBuilder<E>,
    alias: string,
    centreId: string,
  ): ScopedSelectQueryBuilder<E> {
    const scoped = new ScopedSelectQueryBuilder<E>(builder);
    scoped.setParameter(SCOPE_PARAMETER, centreId);
    scoped.#scope = { condition: `${alias}.centreId = :${SCOPE_PARAMETER}`, centreId };
    return scoped;
  }

  override where(where: Where, parameters?: ObjectLiteral): this {
    if (this.#scope) throw misuse('where');
    return super.where(where, parameters);
  }

  override orWhere(where: Where, parameters?: ObjectLiteral): this {
    if (this.#scope) throw misuse('orWhere');
    return super.orWhere(where, parameters);
  }

  override setParameter(key: string, value: unknown): this {
    refuseRebinding(this.#scope, key, value);
    return super.setParameter(key, value);
  }

  protected override createWhereExpression(): string {
    const scope = this.#scope;
    return scope ? withScope(this as never, scope, () => super.createWhereExpression()) : super.createWhereExpression();
  }

  protected override join(
    direction: 'INNER' | 'LEFT',
    entityOrProperty:
      Function | string | ((qb: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>),
    aliasName: string,
    condition?: string,
    parameters?: ObjectLiteral,
    mapToProperty?: string,
    isMappingMany?: boolean,
    mapAsEntity?: Function | string,
  ): void {
    if (
      this.#scope &&
      this.joinsCentreData(entityOrProperty) &&
      !new RegExp(`\\b${aliasName}\\.(centreId|centre_id)\\b`).test(condition ?? '')
    ) {
      throw new Error(
        `CentreTx: a join to centre data must limit it to a centre: add "${aliasName}.centreId = <alias>.centreId" to its condition`,
      );
    }
    super.join(
      direction,
      entityOrProperty,
      aliasName,
      condition,
      parameters,
      mapToProperty,
      isMappingMany,
      mapAsEntity,
    );
  }

  override from<T extends ObjectLiteral>(entityTarget: FromTarget<T>, aliasName: string): SelectQueryBuilder<T> {
    if (this.#scope) throw unscopedRead('from');
    return super.from(entityTarget as EntityTarget<T>, aliasName);
  }

  override addFrom<T extends ObjectLiteral>(entityTarget: FromTarget<T>, aliasName: string): SelectQueryBuilder<T> {
    if (this.#scope) throw unscopedRead('addFrom');
    return super.addFrom(entityTarget as EntityTarget<T>, aliasName);
  }

  override subQuery(): SelectQueryBuilder<ObjectLiteral> {
    if (this.#scope) throw unscopedRead('subQuery');
    return super.subQuery();
  }

  override update(): never {
    throw new Error('CentreTx: a centre-scoped select is for reads; write with the CentreTx methods');
  }

  override delete(): never {
    return this.update();
  }

  override insert(): never {
    return this.update();
  }

  override softDelete(): never {
    return this.update();
  }

  override restore(): never {
    return this.update();
  }

  /** An entity joined by class or name (not a relation path such as `e.partner`, which follows a foreign key). */
  private joinsCentreData(target: unknown): boolean {
    if (typeof target !== 'function' && (typeof target !== 'string' || target.includes('.') || target.startsWith('(')))
      return false;
    if (!this.dataSource.hasMetadata(target as Function | string)) return false;
    return Boolean(this.dataSource.getMetadata(target as Function | string).findColumnWithPropertyName('centreId'));
  }
}

/** What `CentreTx.updateDerived()` returns: an UPDATE that always carries the centre condition, guarded like the select. */
export class ScopedUpdateQueryBuilder<E extends ObjectLiteral> extends UpdateQueryBuilder<E> {
  #scope?: Scope;

  constructor(from: UpdateQueryBuilder<E> | UpdateQueryBuilder<E>['dataSource'], queryRunner?: QueryRunner) {
    super(from as never, queryRunner);
    if (from instanceof ScopedUpdateQueryBuilder) this.#scope = from.#scope;
  }

  /** @internal For CentreTx. */
  static scoping<E extends ObjectLiteral>(
    builder: UpdateQueryBuilder<E>,
    centreId: string,
  ): ScopedUpdateQueryBuilder<E> {
    const scoped = new ScopedUpdateQueryBuilder<E>(builder);
    scoped.setParameter(SCOPE_PARAMETER, centreId);
    scoped.#scope = { condition: `centre_id = :${SCOPE_PARAMETER}`, centreId };
    return scoped;
  }

  override where(where: Where, parameters?: ObjectLiteral): this {
    if (this.#scope) throw misuse('where');
    return super.where(where, parameters);
  }

  override orWhere(where: Where, parameters?: ObjectLiteral): this {
    if (this.#scope) throw misuse('orWhere');
    return super.orWhere(where, parameters);
  }

  override setParameter(key: string, value: unknown): this {
    refuseRebinding(this.#scope, key, value);
    return super.setParameter(key, value);
  }

  protected override createWhereExpression(): string {
    const scope = this.#scope;
    return scope ? withScope(this as never, scope, () => super.createWhereExpression()) : super.createWhereExpression();
  }
}
