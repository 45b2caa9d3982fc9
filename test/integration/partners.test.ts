import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { addDays, localDate } from '../../src/common/dates.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { call, firstCentreId, seedCentre, seedUser, signIn } from '../utils/api.js';
import { query } from '../utils/database.js';

const DAY = 86_400_000;

describe('partners', () => {
  let app: TestApp;
  let centreA: string;
  let token: string;
  let otherToken: string;
  let adminToken: string;
  // "Today" and "now" (overdue, the engagements logged now) are the pinned test clock's.
  const clock = new TestClock();

  const api = (method: string, path: string, body?: unknown, as = token) =>
    call(app, method, path, { token: as, body });
  const create = async (body: Record<string, unknown>) => {
    const res = await api('POST', '/api/v1/partners', body);
    expect(res.status).toBe(201);
    return res.body as { id: string } & Record<string, unknown>;
  };
  const logEngagement = async (partnerIds: string[], occurredAt: string, extra: Record<string, unknown> = {}) => {
    const res = await api('POST', '/api/v1/engagements', {
      partnerIds,
      type: 'meeting',
      occurredAt,
      summary: 'Met',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const setCentre = async (settings: Record<string, unknown>) =>
    expect((await api('PATCH', `/api/v1/centres/${centreA}`, settings, adminToken)).status).toBe(200);

  beforeAll(async () => {
    app = await bootApp({ clock });
    centreA = await firstCentreId(app);
    const centreB = await seedCentre(app, 'Other centre');
    token = (await signIn(app, (await seedUser(app, centreA, 'coordinator')).email)).token;
    adminToken = (await signIn(app, (await seedUser(app, centreA, 'admin')).email)).token;
    otherToken = (await signIn(app, (await seedUser(app, centreB, 'admin')).email)).token;
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('records', () => {
    it('creates a partner from a name and a sector, with sensible defaults', async () => {
      const partner = await create({ name: '  Safe Telecom  ', sector: 'telecom' });
      expect(partner).toMatchObject({
        name: 'Safe Telecom',
        sector: 'telecom',
        tier: 'regular',
        status: 'active',
        tags: [],
        kinds: [],
        archived: false,
        ownerId: null,
        lastEngagementAt: null,
      });
      expect(partner).not.toHaveProperty('searchText');
      expect(partner).not.toHaveProperty('centreId');
    });

    it('names every bad field and writes nothing', async () => {
      const before = await query(app.databaseUrl, 'SELECT count(*)::int AS n FROM partner');
      const res = await api('POST', '/api/v1/partners', {
        name: '',
        sector: 'astrology',
        tier: 'vip',
        website: 'ftp://x',
        cadenceDays: 0,
        tags: ['two words'],
        country: 'BEL',
        centreId: centreA,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const fields = new Set((res.body.errors as { field: string }[]).map((e) => e.field));
      expect(fields).toEqual(new Set(['name', 'tier', 'website', 'cadenceDays', 'tags', 'country', 'centreId']));
      const unknownSector = await api('POST', '/api/v1/partners', { name: 'X', sector: 'astrology' });
      expect(unknownSector.status).toBe(400);
      expect(unknownSector.body.errors).toEqual([expect.objectContaining({ field: 'sector' })]);
      expect(await query(app.databaseUrl, 'SELECT count(*)::int AS n FROM partner')).toEqual(before);
    });

    it("takes an owner only from the centre's active users", async () => {
      const colleague = await seedUser(app, centreA, 'coordinator');
      expect((await create({ name: 'Owned', sector: 'ngo', ownerId: colleague.id })).ownerId).toBe(colleague.id);
      const stranger = await seedUser(app, await seedCentre(app, 'Third'), 'coordinator');
      expect(
        (await api('POST', '/api/v1/partners', { name: 'Not owned', sector: 'ngo', ownerId: stranger.id })).status,
      ).toBe(404);
    });

    it('archives instead of deleting: the partner leaves the list, keeps its history and can be restored', async () => {
      const partner = await create({ name: 'Archivable', sector: 'media' });
      await logEngagement([partner.id], new Date(clock.now().getTime() - 5 * DAY).toISOString());
      const archived = await api('DELETE', `/api/v1/partners/${partner.id}`);
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ archived: true });
      const current = await api('GET', '/api/v1/partners?limit=100');
      expect(current.body.items.map((p: { id: string }) => p.id)).not.toContain(partner.id);
      const inArchive = await api('GET', '/api/v1/partners?archived=true&limit=100');
      expect(inArchive.body.items.map((p: { id: string }) => p.id)).toContain(partner.id);
      expect((await api('GET', `/api/v1/partners/${partner.id}/timeline`)).body.items).toHaveLength(1);
      expect((await api('PATCH', `/api/v1/partners/${partner.id}`, { archived: false })).body).toMatchObject({
        archived: false,
        archivedAt: null,
      });
    });

    it("answers 404 for another centre's partner, an unknown id or a malformed one, and changes nothing", async () => {
      const partner = await create({ name: 'Private', sector: 'ngo' });
      for (const [method, body] of [['GET'], ['PATCH', { name: 'Hijacked' }], ['DELETE']] as const) {
        expect((await api(method, `/api/v1/partners/${partner.id}`, body, otherToken)).status).toBe(404);
      }
      expect((await api('GET', '/api/v1/partners/not-a-uuid')).status).toBe(404);
      expect((await api('GET', `/api/v1/partners/${partner.id}`)).body).toMatchObject({
        name: 'Private',
        archived: false,
      });
    });
  });

  describe('cadence and the derived fields', () => {
    beforeAll(async () => {
      await setCentre({
        timezone: 'Europe/Brussels',
        cadence: { defaultDays: 90, bySector: { education: 60 }, byTier: { key: 30 } },
      });
    });

    it('says which rule gives a partner its cadence', async () => {
      expect((await create({ name: 'School network', sector: 'education' })).cadence).toEqual({
        days: 60,
        source: 'sector',
      });
      expect((await create({ name: 'Key school', sector: 'education', tier: 'key' })).cadence).toEqual({
        days: 30,
        source: 'tier',
      });
      expect((await create({ name: 'Own rhythm', sector: 'education', tier: 'key', cadenceDays: 45 })).cadence).toEqual(
        { days: 45, source: 'partner' },
      );
      expect((await create({ name: 'Broadcaster', sector: 'media' })).cadence).toEqual({ days: 90, source: 'default' });
    });

    it('is overdue 91 days after its last engagement with a 90-day cadence, and not any more once an engagement is logged', async () => {
      const partner = await create({ name: 'Quiet partner', sector: 'media', cadenceDays: 90 });
      // 91 days ago on the centre's calendar (an instant 91 × 24 h ago can fall on day 90 across a DST change).
      const ninetyOneDaysAgo = addDays(localDate(clock.now(), 'Europe/Brussels'), -91);
      await logEngagement([partner.id], `${ninetyOneDaysAgo}T10:00:00Z`);
      expect((await api('GET', `/api/v1/partners/${partner.id}`)).body).toMatchObject({
        overdue: true,
        nextContactDue: addDays(ninetyOneDaysAgo, 90),
      });
      expect(
        (await api('GET', '/api/v1/partners?overdue=true&limit=100')).body.items.map((p: { id: string }) => p.id),
      ).toContain(partner.id);
      await logEngagement([partner.id], clock.now().toISOString());
      expect((await api('GET', `/api/v1/partners/${partner.id}`)).body).toMatchObject({ overdue: false });
      expect(
        (await api('GET', '/api/v1/partners?overdue=false&limit=100')).body.items.map((p: { id: string }) => p.id),
      ).toContain(partner.id);
    });

    it.each([
      // [time zone, engagement instant, cadence, asOf, next contact due, overdue]
      ['Europe/Brussels', '2026-06-01T10:00:00Z', 90, '2026-08-30', '2026-08-30', false],
      ['Europe/Brussels', '2026-06-01T10:00:00Z', 90, '2026-08-31', '2026-08-30', true],
      ['Pacific/Auckland', '2026-03-01T11:30:00Z', 10, '2026-03-12', '2026-03-12', false], // 00:30 on 2 March there
      ['UTC', '2026-03-01T11:30:00Z', 10, '2026-03-12', '2026-03-11', true],
      ['Europe/Brussels', '2026-03-28T23:30:00Z', 1, '2026-03-30', '2026-03-30', false], // 01:30 on the night clocks go forward
      ['America/New_York', '2026-11-01T05:30:00Z', 7, '2026-11-09', '2026-11-08', true], // 01:30 EDT, the night clocks go back
      ['Europe/Brussels', '2024-02-28T12:00:00Z', 2, '2024-03-01', '2024-03-01', false], // leap year
      ['Europe/Brussels', '2025-12-30T12:00:00Z', 5, '2026-01-04', '2026-01-04', false], // across the new year
    ])(
      'in %s, an engagement at %s with a %i-day cadence is due on %s as of %s',
      async (timezone, at, cadenceDays, asOf, due, overdue) => {
        await setCentre({ timezone });
        const partner = await create({ name: `Due ${timezone} ${at}`, sector: 'media', cadenceDays });
        await logEngagement([partner.id], at);
        const res = await api('GET', `/api/v1/partners/${partner.id}?asOf=${asOf}`);
        expect(res.body).toMatchObject({ nextContactDue: due, overdue, lastEngagementAt: new Date(at).toISOString() });
        await setCentre({ timezone: 'Europe/Brussels' });
      },
    );

    it('counts, as of a past date, only the engagements up to that day', async () => {
      const partner = await create({ name: 'Time traveller', sector: 'media', cadenceDays: 30 });
      await logEngagement([partner.id], '2026-01-10T10:00:00Z');
      await logEngagement([partner.id], '2026-05-10T10:00:00Z');
      expect((await api('GET', `/api/v1/partners/${partner.id}?asOf=2026-03-01`)).body).toMatchObject({
        lastEngagementAt: '2026-01-10T10:00:00.000Z',
        nextContactDue: '2026-02-09',
        overdue: true,
      });
      expect((await api('GET', `/api/v1/partners/${partner.id}?asOf=2026-05-10`)).body).toMatchObject({
        lastEngagementAt: '2026-05-10T10:00:00.000Z',
        overdue: false,
      });
      expect((await api('GET', `/api/v1/partners/${partner.id}?asOf=2026-02-30`)).status).toBe(400);
    });

    it('is seasonal when its year of engagements all fell inside SID windows', async () => {
      // SID 2026 is 10 February; the default window runs from 30 December 2025 to 24 February 2026.
      const partner = await create({ name: 'Only for SID', sector: 'media' });
      await logEngagement([partner.id], '2026-02-10T09:00:00Z');
      await logEngagement([partner.id], '2025-12-30T09:00:00Z');
      expect((await api('GET', `/api/v1/partners/${partner.id}?asOf=2026-06-01`)).body.seasonal).toBe(true);
      await logEngagement([partner.id], '2026-02-25T09:00:00Z'); // the day after the window
      expect((await api('GET', `/api/v1/partners/${partner.id}?asOf=2026-06-01`)).body.seasonal).toBe(false);
      const never = await create({ name: 'Never engaged', sector: 'media' });
      expect((await api('GET', `/api/v1/partners/${never.id}?asOf=2026-06-01`)).body.seasonal).toBe(false);
    });
  });

  describe('lists', () => {
    it('finds partners by name, tag or contact, whatever the case and accents', async () => {
      const partner = await create({ name: 'Fédération Wallonie-Bruxelles', sector: 'government', tags: ['sid-2027'] });
      const contact = await api('POST', `/api/v1/partners/${partner.id}/contacts`, {
        name: 'Zoë Dupré',
        email: 'Zoe.Dupre@Example.org',
      });
      expect(contact.status).toBe(201);
      for (const search of ['federation', 'WALLONIE', 'sid-2027', 'zoe dupre', 'zoe.dupre@example', 'DUPRÉ']) {
        const res = await api('GET', `/api/v1/partners?search=${encodeURIComponent(search)}`);
        expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([partner.id]);
      }
      expect((await api('GET', '/api/v1/partners?search=%25')).body.items).toEqual([]);
    });

    it('filters by sector, tier, status, owner and tag, sorts, and pages', async () => {
      const owner = await seedUser(app, centreA, 'coordinator');
      const ids = [];
      for (const name of ['Zeta', 'Alpha', 'Mu'])
        ids.push(
          (
            await create({
              name,
              sector: 'youth',
              tier: 'occasional',
              ownerId: owner.id,
              tags: ['filtered'],
              status: 'prospect',
            })
          ).id,
        );
      const res = await api(
        'GET',
        `/api/v1/partners?sector=youth&tier=occasional&status=prospect&ownerId=${owner.id}&tag=filtered&sort=-name&limit=2`,
      );
      expect(res.body).toMatchObject({ total: 3, page: 1, limit: 2 });
      expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(['Zeta', 'Mu']);
      const next = await api('GET', `/api/v1/partners?sector=youth&tag=filtered&sort=-name&limit=2&page=2`);
      expect(next.body.items.map((p: { name: string }) => p.name)).toEqual(['Alpha']);
      expect(
        (await api('GET', '/api/v1/partners?limit=101&sort=size&overdue=maybe')).body.errors
          .map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['limit', 'overdue', 'sort']);
    });

    it('lists 100 partners with filters in the same handful of queries whatever the number of partners and engagements', async () => {
      const dataSource = app.app.get(DataSource);
      const logger = dataSource.logger;
      const original = logger.logQuery.bind(logger);
      let statements = 0;
      logger.logQuery = (...args: Parameters<typeof logger.logQuery>) => {
        statements++;
        return original(...args);
      };
      const count = async () => {
        statements = 0;
        const res = await api(
          'GET',
          '/api/v1/partners?limit=100&sector=health&overdue=true&search=load&sort=nextContactDue',
        );
        expect(res.status).toBe(200);
        return { statements, items: res.body.items.length as number };
      };
      const seed = async (n: number) => {
        await query(
          app.databaseUrl,
          `INSERT INTO partner (centre_id, name, sector, search_text, created_at) SELECT $1, 'Load ' || i, 'health', 'load ' || i, now() - interval '200 days' FROM generate_series(1, $2) i`,
          [centreA, n],
        );
        await query(
          app.databaseUrl,
          `WITH e AS (INSERT INTO engagement (centre_id, type, occurred_at, summary) SELECT $1, 'call', now() - (i || ' days')::interval, 'x' FROM generate_series(100, 400) i RETURNING id, occurred_at)
           INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at) SELECT e.id, p.id, $1, e.occurred_at FROM e CROSS JOIN LATERAL (SELECT id FROM partner WHERE sector = 'health' AND centre_id = $1 ORDER BY random() LIMIT 1) p`,
          [centreA],
        );
      };
      try {
        await seed(10);
        const small = await count();
        await seed(400);
        const large = await count();
        expect(large.items).toBe(100);
        expect(large.statements).toBe(small.statements);
        expect(large.statements).toBeLessThanOrEqual(4);
      } finally {
        logger.logQuery = original;
      }
    });
  });

  describe('timeline', () => {
    it('interleaves engagements and SID roles newest first, a page at a time', async () => {
      const partner = await create({ name: 'Storyteller', sector: 'media' });
      const times = ['2026-01-05T10:00:00Z', '2026-02-10T10:00:00Z', '2026-04-01T10:00:00Z'];
      for (const at of times) await logEngagement([partner.id], at, { summary: `Engagement ${at}` });
      await query(
        app.databaseUrl,
        `INSERT INTO sid_role (centre_id, partner_id, year, role, status, status_changed_at) VALUES ($1, $2, 2026, 'speaker', 'delivered', '2026-02-11T12:00:00Z')`,
        [centreA, partner.id],
      );
      const first = await api('GET', `/api/v1/partners/${partner.id}/timeline?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.items.map((i: { kind: string; at: string }) => [i.kind, i.at])).toEqual([
        ['engagement', '2026-04-01T10:00:00.000Z'],
        ['sid_role', '2026-02-11T12:00:00.000Z'],
      ]);
      const second = await api(
        'GET',
        `/api/v1/partners/${partner.id}/timeline?limit=2&before=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((i: { at: string }) => i.at)).toEqual([
        '2026-02-10T10:00:00.000Z',
        '2026-01-05T10:00:00.000Z',
      ]);
      expect(second.body.nextCursor).toBeNull();
      expect((await api('GET', `/api/v1/partners/${partner.id}/timeline?before=garbage`)).status).toBe(400);
    });

    it('shows an engagement on every partner it touched at once', async () => {
      const a = await create({ name: 'Roundtable A', sector: 'ngo' });
      const b = await create({ name: 'Roundtable B', sector: 'ngo' });
      const engagement = await logEngagement([a.id, b.id], clock.now().toISOString(), {
        type: 'event',
        summary: 'SID roundtable',
      });
      for (const partner of [a, b]) {
        const res = await api('GET', `/api/v1/partners/${partner.id}/timeline`);
        expect(res.body.items[0]).toMatchObject({ kind: 'engagement', id: engagement.id, summary: 'SID roundtable' });
      }
    });
  });
});
