import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '../../src/common/dates.js';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedMember, seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

const DAY = 86_400_000;

interface Pair {
  reason: 'name' | 'domain';
  a: { id: string; name: string; website: string | null; sector: string };
  b: { id: string; name: string; website: string | null; sector: string };
}

/** Duplicate partners: the pairs that look like one organisation, and merging one into the other. */
describe('partner duplicates and merge', () => {
  // "Today" (overdue, the note's date, engagements a few days ago) is the pinned test clock's.
  const clock = new TestClock();
  let app: TestApp;
  let t: TwoCentres;

  const sql = <R extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    query<R>(app.databaseUrl, text, params);
  const api = (method: string, path: string, as: Member, body?: unknown) =>
    call(app, method, path, { token: as.token, body });
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();

  async function partner(body: Record<string, unknown>, as: Member = t.aManager): Promise<string> {
    const res = await api('POST', '/api/v1/partners', as, { sector: 'education', ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function contact(partnerId: string, name: string, primary: boolean): Promise<string> {
    const res = await api('POST', `/api/v1/partners/${partnerId}/contacts`, t.aManager, {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
      primary,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function engagement(partnerIds: string[], occurredAt: string): Promise<string> {
    const res = await api('POST', '/api/v1/engagements', t.aManager, {
      partnerIds,
      type: 'meeting',
      occurredAt,
      summary: 'Met',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function sidRole(partnerId: string, year: number, role: string, status: string, notes: string | null) {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO sid_role (centre_id, partner_id, year, role, status, notes, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id`,
      [t.a, partnerId, year, role, status, notes],
    );
    return row!.id;
  }

  async function reminder(partnerId: string, kind: string, dueDate: string, state = 'pending') {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO reminder (centre_id, recipient_id, partner_id, kind, due_date, state, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [t.a, t.aManager.id, partnerId, kind, dueDate, state, `${kind}:${partnerId}:${dueDate}`],
    );
    return row!.id;
  }

  async function pairsOf(as: Member): Promise<Pair[]> {
    const res = await api('GET', '/api/v1/partners/duplicates', as);
    expect(res.status).toBe(200);
    return res.body.items as Pair[];
  }

  /** The pairs among `ids`, as [reason, first name, second name]. */
  const among = (pairs: Pair[], ids: string[]) =>
    pairs
      .filter((p) => ids.includes(p.a.id) && ids.includes(p.b.id))
      .map((p) => [p.reason, p.a.name, p.b.name])
      .sort();

  beforeAll(async () => {
    app = await bootApp({ clock });
    t = await seedTwoCentres(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('duplicates', () => {
    it('pairs current partners by normalised name or website domain, with the reason', async () => {
      const ids = [
        await partner({ name: 'Télécom Horizon SA' }),
        await partner({ name: 'telecom horizon' }),
        await partner({ name: 'Kidsafe Foundation', website: 'https://www.kidsafe-found.example/about' }),
        await partner({ name: 'KS Foundation (Brussels)', website: 'http://kidsafe-found.example' }),
        await partner({ name: 'Unrelated Bakery', website: 'https://bakery.example' }),
      ];
      const pairs = await pairsOf(t.aCoordinator);
      expect(among(pairs, ids)).toEqual([
        ['domain', 'Kidsafe Foundation', 'KS Foundation (Brussels)'],
        ['name', 'Télécom Horizon SA', 'telecom horizon'],
      ]);
      const byName = pairs.find((p) => p.a.id === ids[0]);
      expect(byName).toEqual({
        reason: 'name',
        a: { id: ids[0], name: 'Télécom Horizon SA', website: null, sector: 'education' },
        b: { id: ids[1], name: 'telecom horizon', website: null, sector: 'education' },
      });
    });

    it('leaves out archived partners and never pairs across centres', async () => {
      const mine = await partner({ name: 'Parents Online vzw' });
      const archived = await partner({ name: 'PARENTS ONLINE' });
      expect((await api('DELETE', `/api/v1/partners/${archived}`, t.aManager)).status).toBe(200);
      const theirs = await partner({ name: 'Parents Online' }, t.bManager);
      const theirTwin = await partner({ name: 'Parents-Online ASBL' }, t.bManager);

      const mineIds = (await pairsOf(t.aManager)).flatMap((p) => [p.a.id, p.b.id]);
      expect(mineIds).not.toContain(mine);
      expect(mineIds).not.toContain(archived);
      expect(mineIds).not.toContain(theirs);
      expect(among(await pairsOf(t.bManager), [theirs, theirTwin, mine])).toEqual([
        ['name', 'Parents Online', 'Parents-Online ASBL'],
      ]);
    });
  });

  describe('merge', () => {
    it('moves everything to the survivor, fills its empty fields, archives the other and audits both', async () => {
      const survivor = await partner({ name: 'Acme Learning', region: 'Brussels', tags: ['sid'] });
      const merged = await partner({
        name: 'ACME Learning Ltd.',
        website: 'https://www.acme-learning.example',
        country: 'BE',
        region: 'Wallonia',
        notes: 'Met at the Safer Internet Forum',
        ownerId: t.aManager.id,
        cadenceDays: 60,
        tags: ['education', 'sid'],
        kinds: ['funding'],
      });
      const survivorPrimary = await contact(survivor, 'Ada Keeper', true);
      const movedPrimary = await contact(merged, 'Zoltan Mergedperson', true);
      const movedOther = await contact(merged, 'Yvette Second', false);
      const recent = await engagement([merged], daysAgo(5));
      const shared = await engagement([survivor, merged], daysAgo(400));
      const keptRole = await sidRole(survivor, 2027, 'sponsor', 'confirmed', 'Logo on the poster');
      const foldedRole = await sidRole(merged, 2027, 'sponsor', 'delivered', 'Gave the keynote');
      const movedRole = await sidRole(merged, 2026, 'speaker', 'invited', null);
      const [board] = await sql<{ id: string }>(
        `INSERT INTO advisory_board (centre_id, name) VALUES ($1, 'Merge board') RETURNING id`,
        [t.a],
      );
      const [seat] = await sql<{ id: string }>(
        `INSERT INTO board_membership (centre_id, board_id, partner_id, contact_id, role, term_start)
         VALUES ($1, $2, $3, $4, 'member', '2027-01-01') RETURNING id`,
        [t.a, board!.id, merged, movedPrimary],
      );
      const [survivorSeat] = await sql<{ id: string }>(
        `INSERT INTO board_membership (centre_id, board_id, partner_id, contact_id, role, term_start)
         VALUES ($1, $2, $3, $4, 'chair', '2027-01-01') RETURNING id`,
        [t.a, board!.id, survivor, survivorPrimary],
      );
      const openReminder = await reminder(merged, 'cadence_overdue', '2027-05-01');
      const doneReminder = await reminder(merged, 'cadence_overdue', '2027-01-01', 'done');
      await reminder(survivor, 'keep_warm', '2027-05-10');
      const twinReminder = await reminder(merged, 'keep_warm', '2027-05-10');

      // Created long ago, last engaged 400 days ago: overdue until the merge brings the other's recent engagement.
      await sql(`UPDATE partner SET created_at = $2 WHERE id = $1`, [survivor, daysAgo(800)]);
      expect((await api('GET', `/api/v1/partners/${survivor}`, t.aManager)).body.overdue).toBe(true);

      const res = await api('POST', `/api/v1/partners/${merged}/merge`, t.aManager, { intoId: survivor });
      expect(res.status).toBe(200);
      expect(res.body.mergedId).toBe(merged);
      expect(res.body.moved).toEqual({ contacts: 2, engagements: 2, sidRoles: 2, boardSeats: 1, reminders: 2 });

      // The survivor: its own fields kept, the empty ones filled, tags and kinds joined, derived fields refreshed.
      expect(res.body.partner).toMatchObject({
        id: survivor,
        name: 'Acme Learning',
        region: 'Brussels',
        website: 'https://www.acme-learning.example',
        country: 'BE',
        notes: 'Met at the Safer Internet Forum',
        ownerId: t.aManager.id,
        cadenceDays: 60,
        kinds: ['funding'],
        archived: false,
        overdue: false,
      });
      expect([...res.body.partner.tags].sort()).toEqual(['education', 'sid']);
      const [{ last_engagement_at: last }] = (await sql<{ last_engagement_at: Date }>(
        `SELECT last_engagement_at FROM partner WHERE id = $1`,
        [survivor],
      )) as [{ last_engagement_at: Date }];
      const [{ occurred_at: recentAt }] = (await sql<{ occurred_at: Date }>(
        `SELECT occurred_at FROM engagement WHERE id = $1`,
        [recent],
      )) as [{ occurred_at: Date }];
      expect(last.toISOString()).toBe(recentAt.toISOString());

      // The merged partner: archived, with the note, its own history left under its id.
      const gone = (await api('GET', `/api/v1/partners/${merged}`, t.aManager)).body;
      expect(gone.archived).toBe(true);
      const [{ timezone }] = (await sql<{ timezone: string }>(`SELECT timezone FROM centre WHERE id = $1`, [t.a])) as [
        { timezone: string },
      ];
      const today = localDate(clock.now(), timezone);
      expect(gone.notes).toBe(`Met at the Safer Internet Forum\n\nMerged into Acme Learning on ${today}.`);
      expect(gone.lastEngagementAt).toBeNull();

      // The dashboard's SID season rollup follows the links: the survivor's is what a full recount gives, the other's is empty.
      const seasons = () =>
        sql<{ id: string; last: Date | null; inside: number[]; after: number[] }>(
          `SELECT id, sid_off_window_last_at AS last, sid_window_years AS inside, sid_off_season_years AS after
             FROM partner WHERE id = ANY($1) ORDER BY id`,
          [[survivor, merged]],
        );
      const kept = await seasons();
      await sql(`SELECT keepwarm_refresh_sid_seasons($1, $2)`, [t.a, [survivor, merged]]);
      expect(await seasons()).toEqual(kept);
      expect(kept.find((p) => p.id === merged)).toMatchObject({ last: null, inside: [], after: [] });
      expect(kept.find((p) => p.id === survivor)!.last ?? kept.find((p) => p.id === survivor)!.inside[0]).toBeTruthy();

      // Contacts: all moved; the survivor's primary stays primary.
      const contacts = await sql<{ id: string; partner_id: string; primary: boolean }>(
        `SELECT id, partner_id, "primary" FROM contact WHERE id = ANY($1)`,
        [[survivorPrimary, movedPrimary, movedOther]],
      );
      expect(contacts.every((c) => c.partner_id === survivor)).toBe(true);
      expect(contacts.filter((c) => c.primary).map((c) => c.id)).toEqual([survivorPrimary]);

      // Engagements: relinked, the shared one keeps a single link.
      const links = await sql<{ engagement_id: string; partner_id: string }>(
        `SELECT engagement_id, partner_id FROM engagement_partner WHERE engagement_id = ANY($1) ORDER BY engagement_id`,
        [[recent, shared]],
      );
      expect(links).toHaveLength(2);
      expect(links.every((l) => l.partner_id === survivor)).toBe(true);

      // SID roles: the same kind and year folds into the survivor's, with the further status and both notes.
      const roles = await sql<{ id: string; partner_id: string; year: number; status: string; notes: string }>(
        `SELECT id, partner_id, year, status, notes FROM sid_role WHERE partner_id = ANY($1) ORDER BY year`,
        [[survivor, merged]],
      );
      expect(roles).toEqual([
        expect.objectContaining({ id: movedRole, partner_id: survivor, year: 2026, status: 'invited' }),
        {
          id: keptRole,
          partner_id: survivor,
          year: 2027,
          status: 'delivered',
          notes: 'Logo on the poster\n\nFrom ACME Learning Ltd.: Gave the keynote',
        },
      ]);
      expect(await sql(`SELECT 1 FROM sid_role WHERE id = $1`, [foldedRole])).toEqual([]);

      // Two seats on one board stay two, both the survivor's.
      expect(
        await sql(`SELECT id, partner_id FROM board_membership WHERE board_id = $1 ORDER BY role`, [board!.id]),
      ).toEqual([
        { id: survivorSeat!.id, partner_id: survivor },
        { id: seat!.id, partner_id: survivor },
      ]);
      // Open reminders moved (or cancelled when the survivor had the same), closed ones stay.
      const reminders = await sql<{ id: string; partner_id: string; state: string; dedupe_key: string }>(
        `SELECT id, partner_id, state, dedupe_key FROM reminder WHERE id = ANY($1)`,
        [[openReminder, doneReminder, twinReminder]],
      );
      const byId = new Map(reminders.map((r) => [r.id, r]));
      expect(byId.get(openReminder)).toMatchObject({
        partner_id: survivor,
        state: 'pending',
        dedupe_key: `cadence_overdue:${survivor}:2027-05-01`,
      });
      expect(byId.get(doneReminder)).toMatchObject({ partner_id: merged, state: 'done' });
      expect(byId.get(twinReminder)).toMatchObject({ partner_id: merged, state: 'cancelled' });

      // Search finds the moved contact under the survivor; the pair is no longer a duplicate.
      const found = await call(app, 'GET', '/api/v1/partners?search=mergedperson', { token: t.aManager.token });
      expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([survivor]);
      expect(among(await pairsOf(t.aManager), [survivor, merged])).toEqual([]);

      // Audit: a merge entry on each naming the other, and the moved rows' own changes.
      const merges = await sql<{ entity_id: string; after: { merge: Record<string, string> } }>(
        `SELECT entity_id, after FROM audit_event WHERE entity_type = 'partner' AND after ? 'merge' AND entity_id = ANY($1)`,
        [[survivor, merged]],
      );
      expect(
        merges.map((m) => [m.entity_id, m.after.merge.intoId ?? null, m.after.merge.fromId ?? null]).sort(),
      ).toEqual(
        [
          [merged, survivor, null],
          [survivor, null, merged],
        ].sort(),
      );
      const [archiving] = await sql<{ actor_id: string }>(
        `SELECT actor_id FROM audit_event WHERE entity_type = 'partner' AND entity_id = $1 AND after->>'archivedAt' IS NOT NULL
          AND before->>'archivedAt' IS NULL`,
        [merged],
      );
      expect(archiving?.actor_id).toBe(t.aManager.id);
      const contactMoves = await sql(
        `SELECT 1 FROM audit_event WHERE entity_type = 'contact' AND entity_id = ANY($1) AND after->>'partnerId' = $2
          AND before->>'partnerId' = $3`,
        [[movedPrimary, movedOther], survivor, merged],
      );
      expect(contactMoves).toHaveLength(2);
      const engagementMoves = await sql(
        `SELECT 1 FROM audit_event WHERE entity_type = 'engagement' AND entity_id = ANY($1) AND before->'partnerIds' ? $2`,
        [[recent, shared], merged],
      );
      expect(engagementMoves).toHaveLength(2);
    });

    it('refuses a survivor of another centre (404), itself, an archived partner, and changes nothing', async () => {
      const mine = await partner({ name: 'Isolation One' });
      const moving = await contact(mine, 'Ivo Stays', true);
      const theirs = await partner({ name: 'Isolation One' }, t.bManager);
      const archived = await partner({ name: 'Isolation Archived' });
      await api('DELETE', `/api/v1/partners/${archived}`, t.aManager);

      const crossCentre = await api('POST', `/api/v1/partners/${mine}/merge`, t.aAdmin, { intoId: theirs });
      expect(crossCentre.status).toBe(404);
      expect(crossCentre.headers.get('content-type')).toContain('application/problem+json');
      const fromTheirs = await api('POST', `/api/v1/partners/${theirs}/merge`, t.aAdmin, { intoId: mine });
      expect(fromTheirs.status).toBe(404);

      const itself = await api('POST', `/api/v1/partners/${mine}/merge`, t.aAdmin, { intoId: mine });
      expect(itself.status).toBe(400);
      expect(fieldsOf(itself.body)).toEqual(['intoId']);
      const notAnId = await api('POST', `/api/v1/partners/${mine}/merge`, t.aAdmin, { intoId: 'acme' });
      expect(notAnId.status).toBe(400);
      expect(fieldsOf(notAnId.body)).toEqual(['intoId']);
      const missing = await api('POST', `/api/v1/partners/${mine}/merge`, t.aAdmin, {});
      expect(fieldsOf(missing.body)).toEqual(['intoId']);

      const intoArchived = await api('POST', `/api/v1/partners/${mine}/merge`, t.aAdmin, { intoId: archived });
      expect(intoArchived.status).toBe(409);
      expect(intoArchived.body.detail).toContain('Isolation Archived is archived');
      const fromArchived = await api('POST', `/api/v1/partners/${archived}/merge`, t.aAdmin, { intoId: mine });
      expect(fromArchived.status).toBe(409);

      expect(await sql(`SELECT partner_id FROM contact WHERE id = $1`, [moving])).toEqual([{ partner_id: mine }]);
      const states = await sql<{ id: string; archived: boolean }>(
        `SELECT id, archived_at IS NOT NULL AS archived FROM partner WHERE id = ANY($1) ORDER BY name, centre_id`,
        [[mine, theirs]],
      );
      expect(states.map((s) => s.archived)).toEqual([false, false]);
    });

    it('does not hand the survivor an owner who has left (a deactivated user)', async () => {
      const leaver = await seedMember(app, t.a, 'coordinator');
      const survivor = await partner({ name: 'Owner Keeper' });
      const merged = await partner({ name: 'Owner Keeper SRL', ownerId: leaver.id });
      await sql(`UPDATE app_user SET active = false WHERE id = $1`, [leaver.id]);
      const res = await api('POST', `/api/v1/partners/${merged}/merge`, t.aManager, { intoId: survivor });
      expect(res.status).toBe(200);
      expect(res.body.partner.ownerId).toBeNull();
    });

    it('is for admins and managers: a coordinator is refused (403) and nothing moves', async () => {
      const survivor = await partner({ name: 'Roles Keeper' });
      const merged = await partner({ name: 'Roles Keeper GmbH' });
      const person = await contact(merged, 'Rolf Roles', false);
      const refused = await api('POST', `/api/v1/partners/${merged}/merge`, t.aCoordinator, { intoId: survivor });
      expect(refused.status).toBe(403);
      expect(await sql(`SELECT partner_id FROM contact WHERE id = $1`, [person])).toEqual([{ partner_id: merged }]);

      const byAdmin = await api('POST', `/api/v1/partners/${merged}/merge`, t.aAdmin, { intoId: survivor });
      expect(byAdmin.status).toBe(200);
      expect(await sql(`SELECT partner_id FROM contact WHERE id = $1`, [person])).toEqual([{ partner_id: survivor }]);
    });
  });
});
