import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, localDate } from '../../src/common/dates.js';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

const BOARDS = '/api/v1/advisory-boards';

describe('advisory boards', () => {
  let app: TestApp;
  let t: TwoCentres;
  let timezone: string;
  let today: string;
  let n = 0;
  // "Today" (term coverage, future meetings) is the pinned test clock's, not the hour the suite happens to run at.
  const clock = new TestClock();

  const partner = async (centreId: string, sector = 'industry', name = `Partner ${++n}`) =>
    (
      await query<{ id: string }>(
        app.databaseUrl,
        'INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, $3) RETURNING id',
        [centreId, name, sector],
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
  const board = async (token = t.aManager.token, body: Record<string, unknown> = {}) => {
    const res = await call(app, 'POST', BOARDS, { token, body: { name: `Board ${++n}`, ...body } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const seat = (boardId: string, body: Record<string, unknown>, token = t.aManager.token) =>
    call(app, 'POST', `${BOARDS}/${boardId}/members`, { token, body });
  const count = async (sql: string, params: unknown[] = []) =>
    (await query<{ n: number }>(app.databaseUrl, `SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
  const rowOf = async (table: string, id: string) =>
    (await query(app.databaseUrl, `SELECT t::text AS row FROM ${table} t WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    app = await bootApp({ clock });
    t = await seedTwoCentres(app);
    timezone = (
      await query<{ timezone: string }>(app.databaseUrl, 'SELECT timezone FROM centre WHERE id = $1', [t.a])
    )[0]!.timezone;
    today = localDate(clock.now(), timezone);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('boards', () => {
    it('creates, reads, lists, updates and deletes a board', async () => {
      const created = await call(app, 'POST', BOARDS, {
        token: t.aManager.token,
        body: { name: '  Conseil Éducation  ', description: 'Schools and youth', meetingCadenceDays: 90 },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Conseil Éducation',
        description: 'Schools and youth',
        meetingCadenceDays: 90,
      });
      const id = created.body.id as string;

      const got = await call(app, 'GET', `${BOARDS}/${id}`, { token: t.aCoordinator.token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(created.body);

      const found = await call(app, 'GET', `${BOARDS}?search=EDUCATION`, { token: t.aCoordinator.token });
      expect(found.status).toBe(200);
      expect(found.body.items.map((b: { id: string }) => b.id)).toEqual([id]);
      expect(found.body).toMatchObject({ total: 1, page: 1, limit: 20 });

      const patched = await call(app, 'PATCH', `${BOARDS}/${id}`, {
        token: t.aAdmin.token,
        body: { name: 'Education board', description: null },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id, name: 'Education board', description: null, meetingCadenceDays: 90 });

      expect((await call(app, 'DELETE', `${BOARDS}/${id}`, { token: t.aManager.token })).status).toBe(204);
      expect((await call(app, 'GET', `${BOARDS}/${id}`, { token: t.aManager.token })).status).toBe(404);
      expect(await count('advisory_board WHERE id = $1', [id])).toBe(0);
    });

    it('pages the list and sorts it', async () => {
      const prefix = `Paged ${++n}`;
      for (const suffix of ['c', 'a', 'b']) await board(t.aManager.token, { name: `${prefix} ${suffix}` });
      const first = await call(app, 'GET', `${BOARDS}?search=${encodeURIComponent(prefix)}&limit=2`, {
        token: t.aManager.token,
      });
      expect(first.body).toMatchObject({ total: 3, page: 1, limit: 2 });
      expect(first.body.items.map((b: { name: string }) => b.name)).toEqual([`${prefix} a`, `${prefix} b`]);
      const second = await call(
        app,
        'GET',
        `${BOARDS}?search=${encodeURIComponent(prefix)}&limit=2&page=2&sort=-name`,
        { token: t.aManager.token },
      );
      expect(second.body.items.map((b: { name: string }) => b.name)).toEqual([`${prefix} a`]);
      const bad = await call(app, 'GET', `${BOARDS}?limit=101&sort=size`, { token: t.aManager.token });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body).sort()).toEqual(['limit', 'sort']);
    });

    it('refuses bad bodies naming each field, and writes nothing', async () => {
      const before = await count('advisory_board');
      const res = await call(app, 'POST', BOARDS, {
        token: t.aManager.token,
        body: { name: '   ', meetingCadenceDays: 0, centreId: t.b },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['name', 'meetingCadenceDays', 'centreId']));
      const tooLong = await call(app, 'POST', BOARDS, {
        token: t.aManager.token,
        body: { name: 'Board', meetingCadenceDays: 3651 },
      });
      expect(fieldsOf(tooLong.body)).toEqual(['meetingCadenceDays']);
      const twoLines = await call(app, 'POST', BOARDS, {
        token: t.aManager.token,
        body: { name: 'Two\nlines', description: 'Two\nlines are fine here' },
      });
      expect(twoLines.status).toBe(400);
      expect(fieldsOf(twoLines.body)).toEqual(['name']);
      const nul = await call(app, 'POST', BOARDS, {
        token: t.aManager.token,
        body: { name: 'Board', description: 'nul \u0000 byte' },
      });
      expect(nul.status).toBe(400);
      expect(fieldsOf(nul.body)).toEqual(['description']);
      expect(await count('advisory_board')).toBe(before);

      const id = await board();
      const before2 = await rowOf('advisory_board', id);
      const patch = await call(app, 'PATCH', `${BOARDS}/${id}`, {
        token: t.aManager.token,
        body: { name: null, meetingCadenceDays: 'often' },
      });
      expect(patch.status).toBe(400);
      expect(new Set(fieldsOf(patch.body))).toEqual(new Set(['name', 'meetingCadenceDays']));
      expect(await rowOf('advisory_board', id)).toEqual(before2);
    });

    it('lets a coordinator read boards and record meetings, but not create, change or delete boards', async () => {
      const before = await count('advisory_board');
      expect(
        (await call(app, 'POST', BOARDS, { token: t.aCoordinator.token, body: { name: 'Not mine to make' } })).status,
      ).toBe(403);
      expect(await count('advisory_board')).toBe(before);

      const id = await board();
      const snapshot = await rowOf('advisory_board', id);
      expect(
        (await call(app, 'PATCH', `${BOARDS}/${id}`, { token: t.aCoordinator.token, body: { name: 'Renamed' } }))
          .status,
      ).toBe(403);
      expect((await call(app, 'DELETE', `${BOARDS}/${id}`, { token: t.aCoordinator.token })).status).toBe(403);
      const p = await partner(t.a);
      expect(
        (await seat(id, { partnerId: p, role: 'member', termStart: '2025-01-01' }, t.aCoordinator.token)).status,
      ).toBe(403);
      expect(await rowOf('advisory_board', id)).toEqual(snapshot);
      expect(await count('board_membership WHERE board_id = $1', [id])).toBe(0);

      expect((await call(app, 'GET', `${BOARDS}/${id}/members`, { token: t.aCoordinator.token })).status).toBe(200);
      const meeting = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aCoordinator.token,
        body: { heldAt: '2025-05-05', title: 'Coordinated', attendees: [{ partnerId: p }] },
      });
      expect(meeting.status).toBe(201);
      expect(meeting.body.recordedById).toBe(t.aCoordinator.id);
    });

    it('deletes a board with its memberships', async () => {
      const id = await board();
      const member = await seat(id, { partnerId: await partner(t.a), role: 'member', termStart: '2024-01-01' });
      expect(member.status).toBe(201);
      expect((await call(app, 'DELETE', `${BOARDS}/${id}`, { token: t.aAdmin.token })).status).toBe(204);
      expect(await count('board_membership WHERE id = $1', [member.body.id])).toBe(0);
    });

    it('refuses to delete a board with recorded meetings (409), keeping it, its meetings and their engagements', async () => {
      const id = await board();
      const p = await partner(t.a);
      const meeting = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aManager.token,
        body: { heldAt: '2025-03-03', title: 'Kept', attendees: [{ partnerId: p }] },
      });
      expect(meeting.status).toBe(201);
      const res = await call(app, 'DELETE', `${BOARDS}/${id}`, { token: t.aAdmin.token });
      expect(res.status).toBe(409);
      expect(res.body.detail).toBe('a board with recorded meetings cannot be deleted');
      expect(await count('advisory_board WHERE id = $1', [id])).toBe(1);
      expect(await count('board_meeting WHERE board_id = $1', [id])).toBe(1);
      expect(await count('engagement WHERE board_meeting_id = $1', [meeting.body.id])).toBe(1);
    });
  });

  describe('members', () => {
    it('seats partners with a contact, role and term, and lists them with partner name, sector and current', async () => {
      const id = await board();
      const p1 = await partner(t.a, 'education', 'Alpha School');
      const c1 = await contact(t.a, p1);
      const p2 = await partner(t.a, 'ngo', 'Beta NGO');
      const chair = await seat(id, { partnerId: p2, role: 'chair', termStart: '2024-01-01' });
      expect(chair.status).toBe(201);
      expect(chair.body).toEqual({
        id: expect.any(String),
        boardId: id,
        partnerId: p2,
        partnerName: 'Beta NGO',
        sector: 'ngo',
        contactId: null,
        role: 'chair',
        termStart: '2024-01-01',
        termEnd: null,
        current: true,
      });
      const past = await seat(id, {
        partnerId: p1,
        contactId: c1,
        role: 'member',
        termStart: '2020-01-01',
        termEnd: '2021-12-31',
      });
      expect(past.status).toBe(201);
      expect(past.body).toMatchObject({ contactId: c1, termEnd: '2021-12-31', current: false });

      const all = await call(app, 'GET', `${BOARDS}/${id}/members`, { token: t.aCoordinator.token });
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(2);
      expect(all.body.items.map((m: { role: string; partnerName: string }) => [m.role, m.partnerName])).toEqual([
        ['chair', 'Beta NGO'],
        ['member', 'Alpha School'],
      ]);

      const asOf2021 = await call(app, 'GET', `${BOARDS}/${id}/members?asOf=2021-06-30`, {
        token: t.aCoordinator.token,
      });
      expect(asOf2021.body.items.map((m: { id: string }) => m.id)).toEqual([past.body.id]);
      const asOf2023 = await call(app, 'GET', `${BOARDS}/${id}/members?asOf=2023-01-01`, {
        token: t.aCoordinator.token,
      });
      expect(asOf2023.body).toMatchObject({ items: [], total: 0 });
      const bad = await call(app, 'GET', `${BOARDS}/${id}/members?asOf=2023-02-30`, { token: t.aCoordinator.token });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['asOf']);
    });

    it('updates and removes a seat', async () => {
      const id = await board();
      const p = await partner(t.a);
      const c = await contact(t.a, p);
      const member = await seat(id, { partnerId: p, role: 'member', termStart: '2024-01-01' });
      const patched = await call(app, 'PATCH', `${BOARDS}/${id}/members/${member.body.id}`, {
        token: t.aManager.token,
        body: { role: 'observer', contactId: c, termEnd: addDays(today, -1) },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        role: 'observer',
        contactId: c,
        termStart: '2024-01-01',
        termEnd: addDays(today, -1),
        current: false,
      });
      const reopened = await call(app, 'PATCH', `${BOARDS}/${id}/members/${member.body.id}`, {
        token: t.aManager.token,
        body: { termEnd: null, contactId: null },
      });
      expect(reopened.body).toMatchObject({ termEnd: null, contactId: null, current: true });

      expect(
        (await call(app, 'DELETE', `${BOARDS}/${id}/members/${member.body.id}`, { token: t.aManager.token })).status,
      ).toBe(204);
      expect(await count('board_membership WHERE id = $1', [member.body.id])).toBe(0);
      expect(
        (await call(app, 'DELETE', `${BOARDS}/${id}/members/${member.body.id}`, { token: t.aManager.token })).status,
      ).toBe(404);
    });

    it('refuses bad seats naming each field, and writes nothing', async () => {
      const id = await board();
      const p = await partner(t.a);
      const stranger = await contact(t.a, await partner(t.a));
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['partnerId', 'role', 'termStart']],
        [
          { partnerId: 'nope', role: 'president', termStart: '2024-02-30', termEnd: 'soon' },
          ['partnerId', 'role', 'termStart', 'termEnd'],
        ],
        [{ partnerId: p, role: 'member', termStart: '2024-06-01', termEnd: '2024-05-31' }, ['termEnd']],
        [{ partnerId: p, role: 'member', termStart: '2024-06-01', contactId: stranger }, ['contactId']],
      ];
      for (const [body, fields] of cases) {
        const res = await seat(id, body);
        expect(res.status).toBe(400);
        expect(new Set(fieldsOf(res.body))).toEqual(new Set(fields));
      }
      expect(await count('board_membership WHERE board_id = $1', [id])).toBe(0);

      const member = await seat(id, { partnerId: p, role: 'member', termStart: '2024-01-01' });
      const before = await rowOf('board_membership', member.body.id);
      for (const body of [
        { role: null },
        { termStart: null },
        { termStart: '2030-01-01', termEnd: '2029-12-31' },
        { partnerId: await partner(t.a) },
      ]) {
        const res = await call(app, 'PATCH', `${BOARDS}/${id}/members/${member.body.id}`, {
          token: t.aManager.token,
          body,
        });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body).length).toBeGreaterThan(0);
      }
      expect(await rowOf('board_membership', member.body.id)).toEqual(before);
    });

    it('allows one chair at a time (409 on overlapping chair terms) and one seat per partner at a time', async () => {
      const id = await board();
      const [a, b, c] = [await partner(t.a), await partner(t.a), await partner(t.a)];
      expect(
        (await seat(id, { partnerId: a, role: 'chair', termStart: '2024-01-01', termEnd: '2025-12-31' })).status,
      ).toBe(201);

      const clash = await seat(id, { partnerId: b, role: 'chair', termStart: '2025-12-31' });
      expect(clash.status).toBe(409);
      expect(fieldsOf(clash.body)).toEqual(['role']);
      expect(await count('board_membership WHERE board_id = $1', [id])).toBe(1);

      const next = await seat(id, { partnerId: b, role: 'chair', termStart: '2026-01-01' });
      expect(next.status).toBe(201);

      const member = await seat(id, { partnerId: c, role: 'member', termStart: '2024-01-01' });
      expect(member.status).toBe(201);
      const promote = await call(app, 'PATCH', `${BOARDS}/${id}/members/${member.body.id}`, {
        token: t.aManager.token,
        body: { role: 'chair' },
      });
      expect(promote.status).toBe(409);
      expect((await rowOf('board_membership', member.body.id))!.row).toContain('member');

      const twice = await seat(id, { partnerId: a, role: 'member', termStart: '2025-06-01', termEnd: '2026-06-01' });
      expect(twice.status).toBe(409);
      expect(fieldsOf(twice.body)).toEqual(['termStart']);
      const later = await seat(id, { partnerId: a, role: 'member', termStart: '2026-01-01' });
      expect(later.status).toBe(201);
      expect(await count('board_membership WHERE board_id = $1', [id])).toBe(4);
    });
  });

  describe('coverage', () => {
    it('compares required sectors with the sectors of seats whose term covers the date (default today)', async () => {
      const sectors = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
        token: t.aAdmin.token,
        body: { requiredBoardSectors: ['industry', 'education', 'ngo', 'academia'] },
      });
      expect(sectors.status).toBe(200);

      const id = await board();
      await seat(id, { partnerId: await partner(t.a, 'industry'), role: 'chair', termStart: '2020-01-01' });
      await seat(id, {
        partnerId: await partner(t.a, 'education'),
        role: 'member',
        termStart: '2020-01-01',
        termEnd: addDays(today, -1),
      });
      await seat(id, { partnerId: await partner(t.a, 'ngo'), role: 'member', termStart: addDays(today, 1) });
      await seat(id, {
        partnerId: await partner(t.a, 'media'),
        role: 'observer',
        termStart: '2020-01-01',
        termEnd: today,
      });

      const now = await call(app, 'GET', `${BOARDS}/${id}/coverage`, { token: t.aCoordinator.token });
      expect(now.status).toBe(200);
      expect(now.body).toEqual({
        asOf: today,
        requiredSectors: ['industry', 'education', 'ngo', 'academia'],
        coveredSectors: ['industry', 'media'],
        missingSectors: ['education', 'ngo', 'academia'],
      });

      const yesterday = await call(app, 'GET', `${BOARDS}/${id}/coverage?asOf=${addDays(today, -1)}`, {
        token: t.aCoordinator.token,
      });
      expect(yesterday.body).toMatchObject({
        coveredSectors: ['industry', 'education', 'media'],
        missingSectors: ['ngo', 'academia'],
      });
      const tomorrow = await call(app, 'GET', `${BOARDS}/${id}/coverage?asOf=${addDays(today, 1)}`, {
        token: t.aCoordinator.token,
      });
      expect(tomorrow.body).toMatchObject({
        coveredSectors: ['industry', 'ngo'],
        missingSectors: ['education', 'academia'],
      });
      const before = await call(app, 'GET', `${BOARDS}/${id}/coverage?asOf=2019-12-31`, {
        token: t.aCoordinator.token,
      });
      expect(before.body).toMatchObject({
        coveredSectors: [],
        missingSectors: ['industry', 'education', 'ngo', 'academia'],
      });

      const bad = await call(app, 'GET', `${BOARDS}/${id}/coverage?asOf=yesterday`, { token: t.aCoordinator.token });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['asOf']);
    });
  });

  describe('meetings', () => {
    it('records a meeting as one board_meeting engagement per attending partner, moving each last engagement', async () => {
      const id = await board();
      const p1 = await partner(t.a, 'industry', 'Acme');
      const p2 = await partner(t.a, 'ngo', 'Zeta');
      const c1 = await contact(t.a, p1);
      const c2 = await contact(t.a, p1);
      const heldAt = '2025-10-14T09:30:00.000Z';
      const res = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aManager.token,
        body: {
          heldAt,
          title: 'Autumn meeting',
          notes: 'Budget review',
          attendees: [{ partnerId: p2 }, { partnerId: p1, contactIds: [c1, c2] }],
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        boardId: id,
        heldAt,
        title: 'Autumn meeting',
        notes: 'Budget review',
        recordedById: t.aManager.id,
      });
      expect(
        res.body.attendees.map((a: { partnerId: string; contactIds: string[] }) => [
          a.partnerId,
          [...a.contactIds].sort(),
        ]),
      ).toEqual([
        [p1, [c1, c2].sort()],
        [p2, []],
      ]);

      const engagements = await query<{
        id: string;
        type: string;
        summary: string;
        occurred_at: Date;
        partner_id: string;
      }>(
        app.databaseUrl,
        `SELECT e.id, e.type, e.summary, e.occurred_at, ep.partner_id FROM engagement e JOIN engagement_partner ep ON ep.engagement_id = e.id WHERE e.board_meeting_id = $1`,
        [res.body.id],
      );
      expect(engagements).toHaveLength(2);
      expect(new Set(engagements.map((e) => e.partner_id))).toEqual(new Set([p1, p2]));
      for (const e of engagements) {
        expect(e).toMatchObject({ type: 'board_meeting', summary: 'Board meeting: Autumn meeting' });
        expect(e.occurred_at.toISOString()).toBe(heldAt);
        expect(res.body.attendees.find((a: { partnerId: string }) => a.partnerId === e.partner_id).engagementId).toBe(
          e.id,
        );
      }
      const contacts = await query<{ contact_id: string }>(
        app.databaseUrl,
        'SELECT ec.contact_id FROM engagement_contact ec JOIN engagement e ON e.id = ec.engagement_id WHERE e.board_meeting_id = $1',
        [res.body.id],
      );
      expect(contacts.map((c) => c.contact_id).sort()).toEqual([c1, c2].sort());
      const last = await query<{ last_engagement_at: Date }>(
        app.databaseUrl,
        'SELECT last_engagement_at FROM partner WHERE id = ANY($1::uuid[])',
        [[p1, p2]],
      );
      expect(last.map((r) => r.last_engagement_at?.toISOString())).toEqual([heldAt, heldAt]);
    });

    it('reads a bare date as noon in the centre time zone, and lists meetings newest first with their attendees', async () => {
      const id = await board();
      const p = await partner(t.a);
      const older = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aManager.token,
        body: { heldAt: '2025-01-15', title: 'Winter', attendees: [{ partnerId: p }] },
      });
      const newer = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aManager.token,
        body: { heldAt: '2025-07-15', title: 'Summer', attendees: [{ partnerId: p }] },
      });
      expect(older.status).toBe(201);
      expect(localDate(new Date(older.body.heldAt), timezone)).toBe('2025-01-15');
      const hour = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' });
      expect(hour.format(new Date(older.body.heldAt))).toBe('12');
      expect(hour.format(new Date(newer.body.heldAt))).toBe('12');

      const list = await call(app, 'GET', `${BOARDS}/${id}/meetings`, { token: t.aCoordinator.token });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 2, page: 1, limit: 20 });
      expect(list.body.items.map((m: { title: string }) => m.title)).toEqual(['Summer', 'Winter']);
      expect(list.body.items[0].attendees).toEqual([
        { partnerId: p, partnerName: expect.any(String), contactIds: [], engagementId: expect.any(String) },
      ]);
      const paged = await call(app, 'GET', `${BOARDS}/${id}/meetings?limit=1&page=2`, { token: t.aCoordinator.token });
      expect(paged.body.items.map((m: { title: string }) => m.title)).toEqual(['Winter']);
    });

    it('refuses bad meetings naming each field, and writes nothing', async () => {
      const id = await board();
      const p = await partner(t.a);
      const other = await partner(t.a);
      const strangerContact = await contact(t.a, other);
      const future = new Date(clock.now().getTime() + 3 * 24 * 60 * 60 * 1000).toISOString();
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['heldAt', 'title', 'attendees']],
        [{ heldAt: '2025-02-30', title: 'x', attendees: [] }, ['heldAt', 'attendees']],
        [{ heldAt: '2025-02-03T10:00:00', title: 'No offset', attendees: [{ partnerId: p }] }, ['heldAt']],
        [{ heldAt: future, title: 'Planned', attendees: [{ partnerId: p }] }, ['heldAt']],
        [{ heldAt: '2025-02-03', title: 'Twice', attendees: [{ partnerId: p }, { partnerId: p }] }, ['attendees']],
        [
          { heldAt: '2025-02-03', title: 'Bad ids', attendees: [{ partnerId: 'x', contactIds: ['y'] }] },
          ['attendees[0].partnerId', 'attendees[0].contactIds'],
        ],
        [
          { heldAt: '2025-02-03', title: 'Stranger', attendees: [{ partnerId: p, contactIds: [strangerContact] }] },
          ['attendees[0].contactIds'],
        ],
      ];
      for (const [body, fields] of cases) {
        const res = await call(app, 'POST', `${BOARDS}/${id}/meetings`, { token: t.aManager.token, body });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(new Set(fieldsOf(res.body))).toEqual(new Set(fields));
      }
      const tooMany = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aManager.token,
        body: {
          heldAt: '2025-02-03',
          title: 'Crowd',
          attendees: Array.from({ length: 101 }, (_, i) => ({
            partnerId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          })),
        },
      });
      expect(tooMany.status).toBe(400);
      expect(fieldsOf(tooMany.body)).toContain('attendees');
      expect(await count('board_meeting WHERE board_id = $1', [id])).toBe(0);
      expect(await count('engagement_partner WHERE partner_id = ANY($1::uuid[])', [[p, other]])).toBe(0);
    });
  });

  describe('centre isolation', () => {
    it("answers 404 for another centre's board, and changes nothing there", async () => {
      const theirs = await board(t.bManager.token);
      const theirPartner = await partner(t.b);
      const member = await seat(
        theirs,
        { partnerId: theirPartner, role: 'member', termStart: '2024-01-01' },
        t.bManager.token,
      );
      expect(member.status).toBe(201);
      const boardBefore = await rowOf('advisory_board', theirs);
      const memberBefore = await rowOf('board_membership', member.body.id);
      const mine = await partner(t.a);

      const attempts: [string, string, unknown?][] = [
        ['GET', `${BOARDS}/${theirs}`],
        ['PATCH', `${BOARDS}/${theirs}`, { name: 'Taken over' }],
        ['DELETE', `${BOARDS}/${theirs}`],
        ['GET', `${BOARDS}/${theirs}/coverage`],
        ['GET', `${BOARDS}/${theirs}/members`],
        ['POST', `${BOARDS}/${theirs}/members`, { partnerId: mine, role: 'member', termStart: '2025-01-01' }],
        ['PATCH', `${BOARDS}/${theirs}/members/${member.body.id}`, { role: 'chair' }],
        ['DELETE', `${BOARDS}/${theirs}/members/${member.body.id}`],
        ['GET', `${BOARDS}/${theirs}/meetings`],
        [
          'POST',
          `${BOARDS}/${theirs}/meetings`,
          { heldAt: '2025-01-01', title: 'Intrusion', attendees: [{ partnerId: mine }] },
        ],
        ['GET', `${BOARDS}/not-a-uuid`],
        ['GET', `${BOARDS}/not-a-uuid/members`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await call(app, method, path, { token: t.aAdmin.token, body });
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      }
      expect(await rowOf('advisory_board', theirs)).toEqual(boardBefore);
      expect(await rowOf('board_membership', member.body.id)).toEqual(memberBefore);
      expect(await count('board_meeting WHERE board_id = $1', [theirs])).toBe(0);
      expect(await count('board_membership WHERE board_id = $1', [theirs])).toBe(1);
    });

    it("answers 404 for another centre's partner or contact, and for a member of another board, writing nothing", async () => {
      const id = await board();
      const other = await board();
      const mine = await partner(t.a);
      const theirPartner = await partner(t.b);
      const theirContact = await contact(t.b, theirPartner);

      const seatTheirs = await seat(id, { partnerId: theirPartner, role: 'member', termStart: '2025-01-01' });
      expect(seatTheirs.status).toBe(404);
      const withTheirContact = await seat(id, {
        partnerId: mine,
        contactId: theirContact,
        role: 'member',
        termStart: '2025-01-01',
      });
      expect(withTheirContact.status).toBe(404);
      expect(await count('board_membership WHERE board_id = $1', [id])).toBe(0);

      const meeting = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aManager.token,
        body: { heldAt: '2025-01-01', title: 'Mixed', attendees: [{ partnerId: mine }, { partnerId: theirPartner }] },
      });
      expect(meeting.status).toBe(404);
      const meetingWithTheirContact = await call(app, 'POST', `${BOARDS}/${id}/meetings`, {
        token: t.aManager.token,
        body: { heldAt: '2025-01-01', title: 'Mixed', attendees: [{ partnerId: mine, contactIds: [theirContact] }] },
      });
      expect(meetingWithTheirContact.status).toBe(404);
      expect(await count('board_meeting WHERE board_id = $1', [id])).toBe(0);
      expect(await count('engagement_partner WHERE partner_id = ANY($1::uuid[])', [[mine, theirPartner]])).toBe(0);
      expect(
        (
          await query<{ last: Date | null }>(
            app.databaseUrl,
            'SELECT last_engagement_at AS last FROM partner WHERE id = $1',
            [mine],
          )
        )[0]!.last,
      ).toBeNull();

      const onOther = await seat(other, { partnerId: mine, role: 'member', termStart: '2025-01-01' });
      const before = await rowOf('board_membership', onOther.body.id);
      const patch = await call(app, 'PATCH', `${BOARDS}/${id}/members/${onOther.body.id}`, {
        token: t.aManager.token,
        body: { role: 'observer' },
      });
      expect(patch.status).toBe(404);
      expect(
        (await call(app, 'DELETE', `${BOARDS}/${id}/members/${onOther.body.id}`, { token: t.aManager.token })).status,
      ).toBe(404);
      expect(await rowOf('board_membership', onOther.body.id)).toEqual(before);
    });
  });
});
