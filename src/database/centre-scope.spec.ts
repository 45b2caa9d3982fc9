import { beforeAll, describe, expect, it } from '@jest/globals';
import { Brackets, DataSource } from 'typeorm';
import { RequestContext } from '../common/request-context.js';
import { Engagement, EngagementPartner } from '../engagements/engagement.entity.js';
import { Partner } from '../partners/partner.entity.js';
import { CentreTx } from './centre-scope.js';
import { ENTITIES } from '../entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

const CENTRE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

// Metadata only: nothing here connects, every query is built and inspected, never run.
const dataSource = new DataSource({ type: 'postgres', entities: ENTITIES, namingStrategy: new SnakeNamingStrategy() });
const tx = (readOnly = false) => new CentreTx(RequestContext.system(CENTRE), dataSource.manager, readOnly);

beforeAll(async () => {
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
});

describe('CentreTx.select: the centre filter cannot be replaced, widened or rebound', () => {
  it('keeps the centre filter and ANDs what the caller adds', () => {
    const [sql, params] = tx()
      .select(Partner, 'p')
      .andWhere('p.name = :name', { name: 'Acme' })
      .getQueryAndParameters();
    expect(sql).toMatch(/WHERE "p"\."centre_id" = \$1 AND \("p"\."name" = \$2\)$/);
    expect(params).toEqual([CENTRE, 'Acme']);
  });

  it('keeps an OR written inside andWhere from widening the centre filter', () => {
    const sql = tx().select(Partner, 'p').andWhere('p.name = :name OR TRUE', { name: 'Acme' }).getQuery();
    expect(sql).toMatch(/WHERE "p"\."centre_id" = :scopeCentreId AND \("p"\."name" = :name OR TRUE\)$/);
  });

  it.each([
    ['where', (q: ReturnType<CentreTx['select']>) => q.where('p.name = :name', { name: 'Acme' })],
    ['orWhere', (q: ReturnType<CentreTx['select']>) => q.orWhere('p.name = :name', { name: 'Acme' })],
    ['whereInIds', (q: ReturnType<CentreTx['select']>) => q.whereInIds([OTHER])],
    ['orWhereInIds', (q: ReturnType<CentreTx['select']>) => q.orWhereInIds([OTHER])],
    ['whereExists', (q: ReturnType<CentreTx['select']>) => q.whereExists(tx().select(Partner, 'x'))],
    ['orWhereExists', (q: ReturnType<CentreTx['select']>) => q.orWhereExists(tx().select(Partner, 'x'))],
  ])('throws on %s, which would replace or widen the centre filter', (_name, misuse) => {
    expect(() => misuse(tx().select(Partner, 'p'))).toThrow(/centre/i);
  });

  it('still throws on a clone', () => {
    expect(() => tx().select(Partner, 'p').clone().where('1 = 1')).toThrow(/centre/i);
  });

  it('refuses a parameter that would rebind the centre, however it is set', () => {
    expect(() => tx().select(Partner, 'p').andWhere('p.name = :name', { name: 'x', scopeCentreId: OTHER })).toThrow(
      /centre/i,
    );
    expect(() => tx().select(Partner, 'p').setParameter('scopeCentreId', OTHER)).toThrow(/centre/i);
    expect(() => tx().select(Partner, 'p').setParameters({ scopeCentreId: OTHER })).toThrow(/centre/i);
    expect(() =>
      tx()
        .select(Partner, 'p')
        .andWhere(new Brackets((b) => b.where('p.name = :scopeCentreId', { scopeCentreId: OTHER }))),
    ).toThrow(/centre/i);
  });

  it('allows OR inside brackets, which stay ANDed to the centre filter', () => {
    const q = tx()
      .select(Partner, 'p')
      .andWhere(new Brackets((b) => b.where('p.name = :a', { a: 'A' }).orWhere('p.name = :b', { b: 'B' })));
    expect(q.getQuery()).toMatch(
      /WHERE "p"\."centre_id" = :scopeCentreId AND \(\("p"\."name" = :a OR "p"\."name" = :b\)\)$/,
    );
  });

  it('refuses to read another table unscoped, and takes a second scoped select as a subquery', () => {
    expect(() => tx().select(Partner, 'p').subQuery()).toThrow(/centre/i);
    expect(() => tx().select(Partner, 'p').from(Partner, 'x')).toThrow(/centre/i);
    expect(() => tx().select(Partner, 'p').addFrom(EngagementPartner, 'ep')).toThrow(/centre/i);
    expect(() =>
      tx()
        .select(Engagement, 'e')
        .innerJoin((sub) => sub.from(Partner, 'x'), 'x', 'x.id = e.id'),
    ).toThrow(/centre/i);
    const sql = tx()
      .select(Partner, 'p')
      .andWhereExists(tx().select(EngagementPartner, 'ep').andWhere('ep.partnerId = p.id'))
      .getQuery();
    expect(sql).toMatch(
      /WHERE "p"\."centre_id" = :scopeCentreId AND \(EXISTS \(SELECT .* FROM "engagement_partner" "ep" WHERE "ep"\."centre_id" = :scopeCentreId AND \("ep"\."partner_id" = "p"\."id"\)\)\)$/,
    );
  });

  it('refuses to turn a scoped read into a write', () => {
    expect(() => tx().select(Partner, 'p').update()).toThrow(/read/i);
    expect(() => tx().select(Partner, 'p').delete()).toThrow(/read/i);
    expect(() => tx().select(Partner, 'p').insert()).toThrow(/read/i);
  });

  it('refuses a join to centre data whose condition does not limit it to a centre', () => {
    expect(() => tx().select(Engagement, 'e').innerJoin(EngagementPartner, 'ep', 'ep.engagementId = e.id')).toThrow(
      /ep\.centreId/,
    );
    expect(() => tx().select(Engagement, 'e').leftJoinAndSelect(Partner, 'x', 'x.id = :id', { id: OTHER })).toThrow(
      /x\.centreId/,
    );
    expect(() =>
      tx()
        .select(Engagement, 'e')
        .innerJoin(EngagementPartner, 'ep', 'ep.engagementId = e.id AND ep.centreId = e.centreId'),
    ).not.toThrow();
    expect(() =>
      tx()
        .select(Engagement, 'e')
        .innerJoin(EngagementPartner, 'ep', 'ep.engagement_id = e.id AND ep.centre_id = e.centre_id'),
    ).not.toThrow();
  });
});

describe('CentreTx.updateDerived: the centre filter cannot be replaced or widened', () => {
  it('keeps the centre filter', () => {
    const sql = tx().updateDerived(Partner).set({ searchText: 'x' }).andWhere('id = :id', { id: OTHER }).getQuery();
    expect(sql).toMatch(/WHERE "centre_id" = :scopeCentreId AND \("id" = :id\)$/);
  });

  it.each(['where', 'orWhere'] as const)('throws on %s', (method) => {
    expect(() => tx().updateDerived(Partner)[method]('id = :id', { id: OTHER })).toThrow(/centre/i);
  });

  it('refuses to rebind the centre', () => {
    expect(() => tx().updateDerived(Partner).andWhere('id = :id', { id: OTHER, scopeCentreId: OTHER })).toThrow(
      /centre/i,
    );
  });
});

describe('CentreTx.derive: checks what it can before it runs', () => {
  const refused = (sql: string, params: Record<string, unknown> = {}) =>
    expect(tx().derive(sql, params)).rejects.toThrow(/CentreTx\.derive/);

  it('needs :centreId as a parameter in the statement itself', async () => {
    await refused('SELECT id FROM partner');
    await refused('SELECT id FROM partner -- WHERE centre_id = :centreId');
    await refused('SELECT id FROM partner /* centre_id = :centreId */');
    await refused(`SELECT id FROM partner WHERE name = ':centreId'`);
    await refused('SELECT id FROM partner WHERE centre_id = :centreIdOther');
  });

  it('binds :centreId itself: a caller cannot pass one', async () => {
    await refused('SELECT id FROM partner WHERE centre_id = :centreId', { centreId: OTHER });
  });

  it('runs one statement', async () => {
    await refused('SELECT id FROM partner WHERE centre_id = :centreId; DELETE FROM partner');
  });

  it('is refused in a read', async () => {
    await expect(tx(true).derive('SELECT id FROM partner WHERE centre_id = :centreId')).rejects.toThrow(/read/);
  });
});

describe('CentreTx.report: one read-only statement', () => {
  const refused = (sql: string, pattern: RegExp) => expect(tx(true).report(sql)).rejects.toThrow(pattern);

  it('is checked like derive', async () => {
    await refused('SELECT id FROM partner', /:centreId/);
    await refused('SELECT id FROM partner WHERE centre_id = :centreId; SELECT 1', /one statement/);
  });

  it('refuses a statement that could write', async () => {
    await refused('DELETE FROM partner WHERE centre_id = :centreId', /read-only/);
    await refused('UPDATE partner SET name = name WHERE centre_id = :centreId', /read-only/);
    await refused(
      'WITH gone AS (DELETE FROM partner WHERE centre_id = :centreId RETURNING id) SELECT * FROM gone',
      /read-only/,
    );
    await refused('SELECT id FROM partner WHERE centre_id = :centreId FOR UPDATE', /read-only/);
  });
});

describe('CentreTx.afterCommit', () => {
  it('is refused in a read, where nothing commits', () => {
    expect(() => tx(true).afterCommit(async () => undefined)).toThrow(/read/);
  });
});
