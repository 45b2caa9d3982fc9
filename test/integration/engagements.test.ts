import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedMember, seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

const DAY = 24 * 60 * 60 * 1000;
// "Now" for the app and for the instants below: the pinned test clock.
const clock = new TestClock();
const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();

describe('engagements', () => {
  let app: TestApp;
  let t: TwoCentres;
  let n = 0;

  const partner = async (centreId: string, name = `Partner ${++n}`) =>
    (
      await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'education') RETURNING id`,
        [centreId, name],
      )
    )[0]!.id;
  const contact = async (centreId: string, partnerId: string) =>
    (
      await query<{ id: string }>(
        app.databaseUrl,
        'INSERT INTO contact (centre_id, partner_id, name) VALUES ($1, $2, $3) RETURNING id',
        [centreId, partnerId, `Person ${++n}`],
      )
    )[0]!.id;
  const lastOf = async (partnerId: string) => {
    const [row] = await query<{ last_engagement_at: Date | null }>(
      app.databaseUrl,
      'SELECT last_engagement_at FROM partner WHERE id = $1',
      [partnerId],
    );
    return row!.last_engagement_at?.toISOString() ?? null;
  };
  const engagementCount = async () =>
    (await query<{ n: number }>(app.databaseUrl, 'SELECT count(*)::int AS n FROM engagement'))[0]!.n;
  const auditCount = async () =>
    (
      await query<{ n: number }>(
        app.databaseUrl,
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'engagement'`,
      )
    )[0]!.n;
  /** Rows an engagement write would add: engagements, their links and their audit rows. */
  const written = async () =>
    (
      await query(
        app.databaseUrl,
        `SELECT (SELECT count(*) FROM engagement)::int AS engagements, (SELECT count(*) FROM engagement_partner)::int AS links,
      (SELECT count(*) FROM audit_event WHERE entity_type = 'engagement')::int AS audits`,
      )
    )[0];
  const row = async (id: string) => (await query(app.databaseUrl, 'SELECT * FROM engagement WHERE id = $1', [id]))[0];
  const linkRows = async (id: string) =>
    query<{ partner_id: string; occurred_at: Date }>(
      app.databaseUrl,
      'SELECT partner_id, occurred_at FROM engagement_partner WHERE engagement_id = $1 ORDER BY partner_id',
      [id],
    );
  const log = (who: Member, body: Record<string, unknown>) =>
    call(app, 'POST', '/api/v1/engagements', { token: who.token, body });
  const meeting = (partnerIds: string[], extra: Record<string, unknown> = {}) => ({
    partnerIds,
    type: 'meeting',
    occurredAt: daysAgo(1),
    summary: `Meeting ${++n}`,
    ...extra,
  });
  const logged = async (who: Member, body: Record<string, unknown>) => {
    const res = await log(who, body);
    if (res.status !== 201) throw new Error(`logging failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; occurredAt: string; partnerIds: string[]; contactIds: string[] };
  };

  beforeAll(async () => {
    app = await bootApp({ clock });
    t = await seedTwoCentres(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('logging an engagement', () => {
    it("logs one engagement for three partners and moves each partner's last engagement", async () => {
      const partners = [await partner(t.a), await partner(t.a), await partner(t.a)];
      const person = await contact(t.a, partners[1]!);
      const occurredAt = '2026-03-10T09:15:00.000Z';
      const res = await log(t.aCoordinator, {
        partnerIds: partners,
        type: 'event',
        occurredAt,
        summary: '  Roundtable on age assurance ',
        notes: 'Long notes',
        outcome: 'Two pilots',
        contactIds: [person],
        followUpAt: '2026-04-01',
        sidYear: 2026,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        partnerIds: [...partners].sort(),
        contactIds: [person],
        type: 'event',
        occurredAt,
        summary: 'Roundtable on age assurance',
        notes: 'Long notes',
        outcome: 'Two pilots',
        followUpAt: '2026-04-01',
        sidYear: 2026,
        loggedById: t.aCoordinator.id,
        boardMeetingId: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      for (const id of partners) expect(await lastOf(id)).toBe(occurredAt);
      expect((await linkRows(res.body.id)).map((l) => l.occurred_at.toISOString())).toEqual([
        occurredAt,
        occurredAt,
        occurredAt,
      ]);

      const read = await call(app, 'GET', `/api/v1/engagements/${res.body.id}`, { token: t.aManager.token });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);
    });

    it("reads a bare date as noon in the centre's time zone, and upper-case ids as the same partners", async () => {
      const p = await partner(t.a);
      const [centre] = await query<{ timezone: string }>(app.databaseUrl, 'SELECT timezone FROM centre WHERE id = $1', [
        t.a,
      ]);
      expect(centre!.timezone).toBe('Europe/Brussels');
      const res = await log(t.aAdmin, meeting([p.toUpperCase()], { occurredAt: '2026-07-01' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ partnerIds: [p], occurredAt: '2026-07-01T10:00:00.000Z' }); // CEST, UTC+2
    });

    it('logs the caller as the one who logged it, whatever the body says', async () => {
      const p = await partner(t.a);
      const before = await engagementCount();
      const res = await log(t.aCoordinator, meeting([p], { loggedById: t.aAdmin.id }));
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['loggedById']);
      expect(await engagementCount()).toBe(before);
    });
  });

  describe("editing and deleting keep the partners' last engagement right", () => {
    it('moves it back to the previous engagement when one is re-dated earlier, and to null when all are deleted', async () => {
      const p = await partner(t.a);
      const older = await logged(t.aCoordinator, meeting([p], { occurredAt: daysAgo(10) }));
      const newer = await logged(t.aCoordinator, meeting([p], { occurredAt: daysAgo(2) }));
      expect(await lastOf(p)).toBe(newer.occurredAt);

      const redated = daysAgo(20);
      const edit = await call(app, 'PATCH', `/api/v1/engagements/${newer.id}`, {
        token: t.aManager.token,
        body: { occurredAt: redated },
      });
      expect(edit.status).toBe(200);
      expect(edit.body.occurredAt).toBe(redated);
      expect(await lastOf(p)).toBe(older.occurredAt);
      expect((await linkRows(newer.id)).map((l) => l.occurred_at.toISOString())).toEqual([redated]);

      expect(
        (await call(app, 'DELETE', `/api/v1/engagements/${older.id}`, { token: t.aCoordinator.token })).status,
      ).toBe(204);
      expect(await lastOf(p)).toBe(redated);
      expect((await call(app, 'GET', `/api/v1/engagements/${older.id}`, { token: t.aCoordinator.token })).status).toBe(
        404,
      );

      expect(
        (await call(app, 'DELETE', `/api/v1/engagements/${newer.id}`, { token: t.aCoordinator.token })).status,
      ).toBe(204);
      expect(await lastOf(p)).toBeNull();
      expect(await linkRows(newer.id)).toEqual([]);
    });

    it('moving an engagement to other partners refreshes the old and the new ones, and drops contacts of partners it left', async () => {
      const [p1, p2, p3] = [await partner(t.a), await partner(t.a), await partner(t.a)];
      const [c1, c2] = [await contact(t.a, p1), await contact(t.a, p2)];
      const e = await logged(t.aCoordinator, meeting([p1, p2], { contactIds: [c1, c2], occurredAt: daysAgo(3) }));
      const res = await call(app, 'PATCH', `/api/v1/engagements/${e.id}`, {
        token: t.aCoordinator.token,
        body: { partnerIds: [p2, p3] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ partnerIds: [p2, p3].sort(), contactIds: [c2] });
      expect([await lastOf(p1), await lastOf(p2), await lastOf(p3)]).toEqual([null, e.occurredAt, e.occurredAt]);
      expect(
        (await call(app, 'GET', `/api/v1/engagements/${e.id}`, { token: t.aCoordinator.token })).body,
      ).toMatchObject({ partnerIds: [p2, p3].sort(), contactIds: [c2] });
      const [audit] = await query<{ before: unknown; after: unknown }>(
        app.databaseUrl,
        `SELECT before, after FROM audit_event WHERE entity_type = 'engagement' AND entity_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`,
        [e.id],
      );
      expect(audit).toEqual({
        before: { partnerIds: [p1, p2].sort(), contactIds: [c1, c2].sort() },
        after: { partnerIds: [p2, p3].sort(), contactIds: [c2] },
      });

      const contacts = await call(app, 'PATCH', `/api/v1/engagements/${e.id}`, {
        token: t.aCoordinator.token,
        body: { contactIds: [] },
      });
      expect(contacts.status).toBe(200);
      expect(contacts.body.contactIds).toEqual([]);
    });

    it('clears optional fields with null, and refuses null for required ones', async () => {
      const p = await partner(t.a);
      const e = await logged(
        t.aCoordinator,
        meeting([p], { notes: 'n', outcome: 'o', followUpAt: '2099-01-01', sidYear: 2027 }),
      );
      const res = await call(app, 'PATCH', `/api/v1/engagements/${e.id}`, {
        token: t.aCoordinator.token,
        body: { notes: null, outcome: null, followUpAt: null, sidYear: null },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ notes: null, outcome: null, followUpAt: null, sidYear: null });

      const before = await row(e.id);
      for (const field of ['summary', 'type', 'occurredAt', 'partnerIds', 'contactIds']) {
        const refused = await call(app, 'PATCH', `/api/v1/engagements/${e.id}`, {
          token: t.aCoordinator.token,
          body: { [field]: null },
        });
        expect(refused.status).toBe(400);
        expect(fieldsOf(refused.body)).toContain(field);
      }
      expect(await row(e.id)).toEqual(before);
    });

    it('writes audit rows for create, update and delete', async () => {
      const p = await partner(t.a);
      const e = await logged(t.aCoordinator, meeting([p]));
      await call(app, 'PATCH', `/api/v1/engagements/${e.id}`, {
        token: t.aManager.token,
        body: { summary: 'Better summary' },
      });
      await call(app, 'DELETE', `/api/v1/engagements/${e.id}`, { token: t.aAdmin.token });
      const audit = await query<{
        action: string;
        actor_id: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }>(
        app.databaseUrl,
        `SELECT action, actor_id, before, after FROM audit_event WHERE entity_type = 'engagement' AND entity_id = $1 ORDER BY id`,
        [e.id],
      );
      expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
        ['create', t.aCoordinator.id],
        ['update', t.aManager.id],
        ['delete', t.aAdmin.id],
      ]);
      expect(audit[1]!.after).toMatchObject({ summary: 'Better summary' });
    });

    it("lets a coordinator change their own engagements and unlogged ones, not another coordinator's (403, nothing written)", async () => {
      const colleague = await seedMember(app, t.a, 'coordinator');
      const p = await partner(t.a);
      const theirs = await logged(colleague, meeting([p]));
      const before = await row(theirs.id);
      const edit = await call(app, 'PATCH', `/api/v1/engagements/${theirs.id}`, {
        token: t.aCoordinator.token,
        body: { summary: 'Not mine to change' },
      });
      expect(edit.status).toBe(403);
      const remove = await call(app, 'DELETE', `/api/v1/engagements/${theirs.id}`, { token: t.aCoordinator.token });
      expect(remove.status).toBe(403);
      expect(await row(theirs.id)).toEqual(before);

      const [unlogged] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, 'call', $2, 'Imported call') RETURNING id`,
        [t.a, daysAgo(5)],
      );
      const fix = await call(app, 'PATCH', `/api/v1/engagements/${unlogged!.id}`, {
        token: t.aCoordinator.token,
        body: { summary: 'Imported call, summary fixed' },
      });
      expect(fix.status).toBe(200);
      const managed = await call(app, 'PATCH', `/api/v1/engagements/${theirs.id}`, {
        token: t.aManager.token,
        body: { summary: 'A manager may' },
      });
      expect(managed.status).toBe(200);
      expect((await call(app, 'DELETE', `/api/v1/engagements/${theirs.id}`, { token: colleague.token })).status).toBe(
        204,
      );
    });
  });

  describe('listing', () => {
    let x: string;
    let y: string;
    const ids: Record<string, string> = {};
    const list = async (qs: string, who: Member = t.aCoordinator) => {
      const res = await call(app, 'GET', `/api/v1/engagements?${qs}`, { token: who.token });
      expect(res.status).toBe(200);
      return res.body as {
        items: { id: string; partnerIds: string[]; contactIds: string[] }[];
        total: number;
        page: number;
        limit: number;
      };
    };

    beforeAll(async () => {
      [x, y] = [await partner(t.a), await partner(t.a)];
      const cx = await contact(t.a, x);
      ids.call = (
        await logged(t.aCoordinator, {
          partnerIds: [x],
          type: 'call',
          occurredAt: '2026-05-01T08:00:00Z',
          summary: 'Call',
        })
      ).id;
      ids.email = (
        await logged(t.aManager, {
          partnerIds: [x, y],
          type: 'email',
          occurredAt: '2026-05-03T08:00:00Z',
          summary: 'Email',
          contactIds: [cx],
        })
      ).id;
      ids.event = (
        await logged(t.aCoordinator, {
          partnerIds: [x],
          type: 'event',
          occurredAt: '2026-05-05T08:00:00Z',
          summary: 'Event',
        })
      ).id;
      ids.other = (
        await logged(t.aCoordinator, {
          partnerIds: [y],
          type: 'meeting',
          occurredAt: '2026-05-04T08:00:00Z',
          summary: 'Y only',
        })
      ).id;
    });

    it("filters by partner, newest first by default, with each engagement's partners and contacts", async () => {
      const page = await list(`partnerId=${x}`);
      expect(page).toMatchObject({ total: 3, page: 1, limit: 20 });
      expect(page.items.map((i) => i.id)).toEqual([ids.event, ids.email, ids.call]);
      expect(page.items[1]).toMatchObject({ partnerIds: [x, y].sort(), contactIds: [expect.any(String)] });
      expect(page.items[0]).toMatchObject({ partnerIds: [x], contactIds: [] });
      expect((await list(`partnerId=${x}&sort=occurredAt`)).items.map((i) => i.id)).toEqual([
        ids.call,
        ids.email,
        ids.event,
      ]);
    });

    it('filters by type, logger and time, and pages', async () => {
      expect((await list(`partnerId=${x}&type=email`)).items.map((i) => i.id)).toEqual([ids.email]);
      expect((await list(`partnerId=${x}&loggedById=${t.aManager.id}`)).items.map((i) => i.id)).toEqual([ids.email]);
      expect(
        (await list(`partnerId=${y}&from=2026-05-03T08:00:00Z&to=2026-05-04T08:00:00Z`)).items.map((i) => i.id),
      ).toEqual([ids.other, ids.email]);
      expect((await list(`partnerId=${x}&from=2026-05-02&to=2026-05-03`)).items.map((i) => i.id)).toEqual([ids.email]);
      const second = await list(`partnerId=${x}&limit=2&page=2`);
      expect(second).toMatchObject({ total: 3, page: 2, limit: 2 });
      expect(second.items.map((i) => i.id)).toEqual([ids.call]);
      expect((await list(`partnerId=${x}`, t.bCoordinator)).total).toBe(0);
    });

    it("fetches the page's links in one query per link table, whatever the page size", async () => {
      const p = await partner(t.a);
      for (let i = 0; i < 12; i++)
        await logged(
          t.aCoordinator,
          meeting([p, x], { contactIds: [await contact(t.a, p)], occurredAt: daysAgo(30 + i) }),
        );
      const dataSource = app.app.get(DataSource);
      const logger = dataSource.logger;
      const original = logger.logQuery.bind(logger);
      const seen: string[] = [];
      logger.logQuery = (sql, parameters, runner) => {
        if (/engagement/.test(sql)) seen.push(sql);
        return original(sql, parameters, runner);
      };
      try {
        const small = await list(`partnerId=${p}&limit=2`);
        const smallCount = seen.splice(0).length;
        const large = await list(`partnerId=${p}&limit=12`);
        const largeCount = seen.splice(0).length;
        expect([small.items.length, large.items.length]).toEqual([2, 12]);
        expect(large.items.every((i) => i.partnerIds.length === 2 && i.contactIds.length === 1)).toBe(true);
        // A count, the page, its partner links and its contact links.
        expect(smallCount).toBe(4);
        expect(largeCount).toBe(smallCount);
      } finally {
        logger.logQuery = original;
      }
    });

    it('refuses bad filters naming them', async () => {
      for (const [qs, field] of [
        ['type=coffee', 'type'],
        ['from=yesterday', 'from'],
        ['to=2026-02-30', 'to'],
        ['sort=name', 'sort'],
        ['partnerId=42', 'partnerId'],
        ['loggedById=me', 'loggedById'],
        ['limit=101', 'limit'],
        ['from=2026-05-03&to=2026-05-01', 'to'],
      ] as const) {
        const res = await call(app, 'GET', `/api/v1/engagements?${qs}`, { token: t.aCoordinator.token });
        expect([qs, res.status]).toEqual([qs, 400]);
        expect(fieldsOf(res.body)).toContain(field);
      }
    });
  });

  describe("dates in the centre's time zone", () => {
    it("reads from/to dates and bare occurredAt dates in the centre's time zone (Pacific/Auckland)", async () => {
      const p = await partner(t.b);
      const e = await logged(t.bCoordinator, {
        partnerIds: [p],
        type: 'call',
        occurredAt: '2026-03-01T11:30:00Z',
        summary: 'Late call',
      });
      const filter = async (qs: string) =>
        (
          (await call(app, 'GET', `/api/v1/engagements?partnerId=${p}&${qs}`, { token: t.bCoordinator.token }))
            .body as { items: { id: string }[] }
        ).items.map((i) => i.id);
      // In Paris it is still 1 March.
      expect(await filter('from=2026-03-02')).toEqual([]);
      expect(await filter('to=2026-03-01')).toEqual([e.id]);

      const tz = await call(app, 'PATCH', `/api/v1/centres/${t.b}`, {
        token: t.bAdmin.token,
        body: { timezone: 'Pacific/Auckland' },
      });
      expect(tz.status).toBe(200);
      expect(await filter('from=2026-03-02')).toEqual([e.id]);
      expect(await filter('from=2026-03-02&to=2026-03-02')).toEqual([e.id]);
      expect(await filter('to=2026-03-01')).toEqual([]);

      // Noon on 2 March in Auckland (NZDT, UTC+13) is 23:00 UTC on 1 March.
      const bare = await logged(t.bCoordinator, {
        partnerIds: [p],
        type: 'call',
        occurredAt: '2026-03-02',
        summary: 'Noon call',
      });
      expect(bare.occurredAt).toBe('2026-03-01T23:00:00.000Z');
      // followUpAt is compared with the engagement's day in Auckland: 2 March, not 1 March.
      const follow = await log(t.bCoordinator, {
        partnerIds: [p],
        type: 'call',
        occurredAt: '2026-03-01T11:30:00Z',
        summary: 'Follow',
        followUpAt: '2026-03-01',
      });
      expect(follow.status).toBe(400);
      expect(fieldsOf(follow.body)).toEqual(['followUpAt']);
    });
  });

  describe('refused requests write nothing', () => {
    const refusedWithNothingWritten = async (
      who: Member,
      body: Record<string, unknown>,
      status: number,
      fields?: string[],
    ) => {
      const before = await written();
      const res = await log(who, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      if (fields) expect([...new Set(fieldsOf(res.body))].sort()).toEqual([...fields].sort());
      expect(await written()).toEqual(before);
      return res;
    };

    it('answers invalid bodies with 400 naming each bad field', async () => {
      const p = await partner(t.a);
      const many = (
        await query<{ id: string }>(
          app.databaseUrl,
          `INSERT INTO partner (centre_id, name, sector) SELECT $1, 'Crowd ' || i, 'education' FROM generate_series(1, 51) i RETURNING id`,
          [t.a],
        )
      ).map((r) => r.id);
      const cases: [Record<string, unknown>, string[]][] = [
        [meeting([]), ['partnerIds']],
        [meeting(many), ['partnerIds']],
        [meeting([p, p]), ['partnerIds']],
        [meeting(['not-a-uuid']), ['partnerIds']],
        [meeting([p], { type: 'coffee' }), ['type']],
        [meeting([p], { type: 'board_meeting' }), ['type']],
        [meeting([p], { occurredAt: 'last Tuesday' }), ['occurredAt']],
        [meeting([p], { occurredAt: '2026-02-30' }), ['occurredAt']],
        [meeting([p], { occurredAt: '2026-02-30T10:00:00Z' }), ['occurredAt']],
        [meeting([p], { occurredAt: '2026-03-01T10:00:00' }), ['occurredAt']],
        [meeting([p], { occurredAt: new Date(clock.now().getTime() + 3 * DAY).toISOString() }), ['occurredAt']],
        [meeting([p], { occurredAt: daysAgo(5), followUpAt: daysAgo(7).slice(0, 10) }), ['followUpAt']],
        [meeting([p], { followUpAt: '01/04/2026' }), ['followUpAt']],
        [meeting([p], { summary: '   ' }), ['summary']],
        [meeting([p], { summary: 'x'.repeat(2001) }), ['summary']],
        [meeting([p], { summary: 'nul \u0000 byte' }), ['summary']],
        [meeting([p], { notes: 'x'.repeat(20001) }), ['notes']],
        [meeting([p], { sidYear: 2003 }), ['sidYear']],
        [meeting([p], { contactIds: ['nope'] }), ['contactIds']],
        [meeting([p], { centreId: t.b, boardMeetingId: p }), ['centreId', 'boardMeetingId']],
        [{ type: 'meeting' }, ['partnerIds', 'occurredAt', 'summary']],
      ];
      for (const [body, fields] of cases) await refusedWithNothingWritten(t.aCoordinator, body, 400, fields);
      expect(await lastOf(p)).toBeNull();
    });

    it("answers 404 for another centre's partner or contact, even next to one's own", async () => {
      const [own, theirs] = [await partner(t.a), await partner(t.b)];
      const theirContact = await contact(t.b, theirs);
      await refusedWithNothingWritten(t.aCoordinator, meeting([theirs]), 404);
      await refusedWithNothingWritten(t.aCoordinator, meeting([own, theirs]), 404);
      await refusedWithNothingWritten(t.aCoordinator, meeting([own], { contactIds: [theirContact] }), 404);
      await refusedWithNothingWritten(t.aCoordinator, meeting(['00000000-0000-4000-8000-000000000000']), 404);
      expect([await lastOf(own), await lastOf(theirs)]).toEqual([null, null]);
    });

    it('answers 400 for a contact of a partner the engagement does not touch', async () => {
      const [p, other] = [await partner(t.a), await partner(t.a)];
      await refusedWithNothingWritten(t.aCoordinator, meeting([p], { contactIds: [await contact(t.a, other)] }), 400, [
        'contactIds',
      ]);
    });

    it('answers 409 for an archived partner, and still lets its past engagements be edited', async () => {
      const p = await partner(t.a);
      const e = await logged(t.aCoordinator, meeting([p]));
      await query(app.databaseUrl, 'UPDATE partner SET archived_at = now() WHERE id = $1', [p]);
      const res = await refusedWithNothingWritten(t.aCoordinator, meeting([p]), 409, ['partnerIds']);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await lastOf(p)).toBe(e.occurredAt);
      const edit = await call(app, 'PATCH', `/api/v1/engagements/${e.id}`, {
        token: t.aCoordinator.token,
        body: { summary: 'Still editable', occurredAt: daysAgo(4) },
      });
      expect(edit.status).toBe(200);
      expect(await lastOf(p)).toBe(edit.body.occurredAt);
      const other = await logged(t.aCoordinator, meeting([await partner(t.a)]));
      const before = await row(other.id);
      const move = await call(app, 'PATCH', `/api/v1/engagements/${other.id}`, {
        token: t.aCoordinator.token,
        body: { partnerIds: [p] },
      });
      expect(move.status).toBe(409);
      expect(await row(other.id)).toEqual(before);
    });

    it("refuses edits to another centre's records, other centres' links and bad ids without changing anything", async () => {
      const [own, theirs] = [await partner(t.a), await partner(t.b)];
      const mine = await logged(t.aCoordinator, meeting([own], { occurredAt: daysAgo(2) }));
      const foreign = await logged(t.bCoordinator, meeting([theirs]));
      const [mineBefore, foreignBefore, audits] = [await row(mine.id), await row(foreign.id), await auditCount()];

      expect((await call(app, 'GET', `/api/v1/engagements/${foreign.id}`, { token: t.aAdmin.token })).status).toBe(404);
      expect(
        (
          await call(app, 'PATCH', `/api/v1/engagements/${foreign.id}`, {
            token: t.aAdmin.token,
            body: { summary: 'Mine now' },
          })
        ).status,
      ).toBe(404);
      expect((await call(app, 'DELETE', `/api/v1/engagements/${foreign.id}`, { token: t.aAdmin.token })).status).toBe(
        404,
      );
      expect((await call(app, 'GET', '/api/v1/engagements/not-a-uuid', { token: t.aAdmin.token })).status).toBe(404);
      expect(
        (
          await call(app, 'PATCH', `/api/v1/engagements/${mine.id}`, {
            token: t.aAdmin.token,
            body: { partnerIds: [own, theirs], summary: 'Half done' },
          })
        ).status,
      ).toBe(404);
      const future = await call(app, 'PATCH', `/api/v1/engagements/${mine.id}`, {
        token: t.aAdmin.token,
        body: { occurredAt: new Date(clock.now().getTime() + 5 * DAY).toISOString(), summary: 'Half done' },
      });
      expect(future.status).toBe(400);
      expect(fieldsOf(future.body)).toEqual(['occurredAt']);
      const early = await call(app, 'PATCH', `/api/v1/engagements/${mine.id}`, {
        token: t.aAdmin.token,
        body: { followUpAt: daysAgo(10).slice(0, 10) },
      });
      expect(early.status).toBe(400);
      expect(fieldsOf(early.body)).toEqual(['followUpAt']);

      expect([await row(mine.id), await row(foreign.id), await auditCount()]).toEqual([
        mineBefore,
        foreignBefore,
        audits,
      ]);
      expect((await linkRows(mine.id)).map((l) => l.partner_id)).toEqual([own]);
      expect([await lastOf(own), await lastOf(theirs)]).toEqual([mine.occurredAt, foreign.occurredAt]);
    });
  });

  it('documents every route with its body, response and errors in the OpenAPI document', async () => {
    const doc = (await call(app, 'GET', '/api/docs-json')).body as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    const list = doc.paths['/api/v1/engagements']!;
    const one = doc.paths['/api/v1/engagements/{id}']!;
    expect(Object.keys(list.post!.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
    );
    expect(list.post!.requestBody).toBeDefined();
    expect(Object.keys(list.get!.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(Object.keys(one.get!.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(one.patch!.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(one.patch!.requestBody).toBeDefined();
    expect(Object.keys(one.delete!.responses)).toEqual(expect.arrayContaining(['204', '404']));
  });

  describe('random and boundary bodies', () => {
    /** Every table an engagement write touches, as one digest. */
    const digest = async () => {
      const tables = ['engagement', 'engagement_partner', 'engagement_contact', 'partner', 'audit_event'];
      const sql = `SELECT ${tables.map((table) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${table} t)`).join(` || ',' || `)} AS d`;
      return (await query<{ d: string }>(app.databaseUrl, sql))[0]!.d;
    };
    const nasty = fc.oneof(
      fc.constantFrom(
        null,
        true,
        0,
        -1,
        1.5,
        2003,
        2004,
        2100,
        2101,
        2 ** 31,
        '',
        ' ',
        'null',
        '\u0000',
        'x'.repeat(20_001),
        '😀'.repeat(1001),
      ),
      fc.constantFrom(
        '2026-02-29',
        '2028-02-29',
        '1899-12-31',
        '1900-01-01',
        '9999-12-31',
        '2026-03-01T24:00:00Z',
        '2026-03-01T10:00:00+15:00',
        '2026-03-01T10:00',
        '0000-01-01T00:00:00Z',
      ),
      fc.constantFrom('meeting', 'board_meeting', 'MEETING', '00000000-0000-0000-0000-000000000000'),
      fc.string({ maxLength: 20 }),
      fc.uuid(),
      fc.array(fc.oneof(fc.uuid(), fc.string({ maxLength: 5 })), { maxLength: 55 }),
      fc
        .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
    const mutate = (seed: Record<string, unknown>) =>
      fc.oneof(
        fc.record(
          Object.fromEntries(
            Object.entries(seed).map(([k, v]) => [
              k,
              fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 3, arbitrary: nasty }),
            ]),
          ),
        ),
        fc
          .tuple(
            fc.constantFrom('notes', 'outcome', 'followUpAt', 'sidYear', 'contactIds', 'boardMeetingId', 'centreId'),
            nasty,
          )
          .map(([k, v]) => ({ ...seed, [k]: v })),
      );

    it('never answer 5xx, and a refused body changes nothing', async () => {
      const p = await partner(t.a);
      const c = await contact(t.a, p);
      const e = await logged(t.aCoordinator, meeting([p], { occurredAt: daysAgo(3) }));
      const seed = {
        partnerIds: [p],
        type: 'call',
        occurredAt: daysAgo(2),
        summary: 'Seed',
        contactIds: [c],
        followUpAt: '2099-01-01',
        sidYear: 2027,
      };
      for (const method of ['POST', 'PATCH'] as const) {
        await fc.assert(
          fc.asyncProperty(mutate(seed), async (body) => {
            const before = await digest();
            const res = await call(
              app,
              method,
              method === 'POST' ? '/api/v1/engagements' : `/api/v1/engagements/${e.id}`,
              { token: t.aCoordinator.token, body },
            );
            expect([JSON.stringify(body).slice(0, 200), res.status < 500]).toEqual([
              JSON.stringify(body).slice(0, 200),
              true,
            ]);
            if (res.status >= 400) expect(await digest()).toBe(before);
          }),
          { numRuns: 20 },
        );
      }
    });
  });

  describe('engagements of board meetings', () => {
    it('can be annotated but not re-typed, moved to other partners or re-dated', async () => {
      const [p, other] = [await partner(t.a), await partner(t.a)];
      const [board] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO advisory_board (centre_id, name) VALUES ($1, 'Youth panel') RETURNING id`,
        [t.a],
      );
      const heldAt = daysAgo(6);
      const [meetingRow] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO board_meeting (centre_id, board_id, held_at, title, recorded_by_id) VALUES ($1, $2, $3, 'Spring meeting', $4) RETURNING id`,
        [t.a, board!.id, heldAt, t.aManager.id],
      );
      const [e] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO engagement (centre_id, type, occurred_at, summary, board_meeting_id) VALUES ($1, 'board_meeting', $2, 'Spring meeting', $3) RETURNING id`,
        [t.a, heldAt, meetingRow!.id],
      );
      await query(
        app.databaseUrl,
        'INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at) VALUES ($1, $2, $3, $4)',
        [e!.id, p, t.a, heldAt],
      );

      const before = await row(e!.id);
      for (const [body, field] of [
        [{ type: 'meeting' }, 'type'],
        [{ partnerIds: [other] }, 'partnerIds'],
        [{ occurredAt: daysAgo(3) }, 'occurredAt'],
      ] as const) {
        const res = await call(app, 'PATCH', `/api/v1/engagements/${e!.id}`, {
          token: t.aCoordinator.token,
          body: { ...body, summary: 'Changed' },
        });
        expect(res.status).toBe(409);
        expect(fieldsOf(res.body)).toEqual([field]);
      }
      expect(await row(e!.id)).toEqual(before);

      const note = await call(app, 'PATCH', `/api/v1/engagements/${e!.id}`, {
        token: t.aCoordinator.token,
        body: {
          summary: 'Spring meeting: SID plans',
          notes: 'Agreed the theme',
          outcome: 'Hosts a workshop',
          followUpAt: '2099-01-10',
          partnerIds: [p],
        },
      });
      expect(note.status).toBe(200);
      expect(note.body).toMatchObject({
        type: 'board_meeting',
        boardMeetingId: meetingRow!.id,
        partnerIds: [p],
        summary: 'Spring meeting: SID plans',
        followUpAt: '2099-01-10',
      });
    });
  });
});
