import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, localDate } from '../../src/common/dates.js';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

/** Centre A lives at UTC+14, so "today" there is often tomorrow in UTC: the consent-date rule must use the centre's day. */
const CENTRE_TZ = 'Pacific/Kiritimati';

interface ContactRow {
  id: string;
  centre_id: string;
  partner_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  job_title: string | null;
  primary: boolean;
  lawful_basis: string;
  consent_date: string | null;
  do_not_contact: boolean;
  updated_at: Date;
}

describe('contacts', () => {
  let app: TestApp;
  let t: TwoCentres;
  let n = 0;
  // Pinned, so "today in the centre" is the app's today too, at whatever hour the suite runs (the default instant
  // is already tomorrow at UTC+14).
  const clock = new TestClock();

  const token = () => t.aCoordinator.token;
  const contactRow = async (id: string) =>
    (
      await query<ContactRow>(
        app.databaseUrl,
        `SELECT *, to_char(consent_date, 'YYYY-MM-DD') AS consent_date FROM contact WHERE id = $1`,
        [id],
      )
    )[0];
  const contactsOf = (partnerId: string) =>
    query<ContactRow>(
      app.databaseUrl,
      `SELECT *, to_char(consent_date, 'YYYY-MM-DD') AS consent_date FROM contact WHERE partner_id = $1 ORDER BY id`,
      [partnerId],
    );
  const searchText = async (partnerId: string) =>
    (
      await query<{ search_text: string }>(app.databaseUrl, 'SELECT search_text FROM partner WHERE id = $1', [
        partnerId,
      ])
    )[0]!.search_text;
  const auditOf = (contactId: string) =>
    query<{
      action: string;
      actor_id: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>(
      app.databaseUrl,
      `SELECT action, actor_id, before, after FROM audit_event WHERE entity_type = 'contact' AND entity_id = $1 ORDER BY occurred_at, id`,
      [contactId],
    );
  const centreToday = () => localDate(clock.now(), CENTRE_TZ);

  async function seedPartner(centreId: string, extra = ''): Promise<string> {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'education') RETURNING id`,
      [centreId, `Partner ${++n}${extra}`],
    );
    return row!.id;
  }

  async function seedContact(
    centreId: string,
    partnerId: string,
    values: { name?: string; primary?: boolean; erased?: boolean } = {},
  ): Promise<string> {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO contact (centre_id, partner_id, name, email, "primary", erased_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        centreId,
        partnerId,
        values.name ?? `Seeded ${++n}`,
        `seeded-${n}@example.org`,
        values.primary ?? false,
        values.erased ? clock.now() : null,
      ],
    );
    return row!.id;
  }

  async function createContact(
    partnerId: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown> & { id: string }> {
    const res = await call(app, 'POST', `/api/v1/partners/${partnerId}/contacts`, { token: token(), body });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    app = await bootApp({ clock });
    t = await seedTwoCentres(app);
    await query(app.databaseUrl, 'UPDATE centre SET timezone = $1 WHERE id = $2', [CENTRE_TZ, t.a]);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('create, read, update and delete through HTTP', () => {
    it('creates a contact with normalised fields and defaults, and reads it back', async () => {
      const partnerId = await seedPartner(t.a);
      const res = await call(app, 'POST', `/api/v1/partners/${partnerId}/contacts`, {
        token: token(),
        body: {
          name: '  Ana Pereira ',
          email: ' Ana.Pereira@Example.ORG ',
          phone: '+32 (0)2 123-45.67',
          jobTitle: 'Head teacher',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        partnerId,
        name: 'Ana Pereira',
        email: 'ana.pereira@example.org',
        phone: '+32 (0)2 123-45.67',
        jobTitle: 'Head teacher',
        primary: false,
        lawfulBasis: 'legitimate_interest',
        consentDate: null,
        doNotContact: false,
        erasedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await contactRow(res.body.id)).toMatchObject({
        centre_id: t.a,
        partner_id: partnerId,
        email: 'ana.pereira@example.org',
      });

      const got = await call(app, 'GET', `/api/v1/contacts/${res.body.id}`, { token: token() });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('records consent with its date, which may be today in the centre', async () => {
      const partnerId = await seedPartner(t.a);
      const today = centreToday();
      const created = await createContact(partnerId, {
        name: 'Consenting Person',
        lawfulBasis: 'consent',
        consentDate: today,
        doNotContact: true,
      });
      expect(created).toMatchObject({ lawfulBasis: 'consent', consentDate: today, doNotContact: true });
      expect(await contactRow(created.id)).toMatchObject({
        lawful_basis: 'consent',
        consent_date: today,
        do_not_contact: true,
      });
    });

    it('lists the partner contacts: primary first, then by name, without erased people, paginated', async () => {
      const partnerId = await seedPartner(t.a);
      await createContact(partnerId, { name: 'Carla' });
      await createContact(partnerId, { name: 'Bruno' });
      await createContact(partnerId, { name: 'Zelda', primary: true });
      await createContact(partnerId, { name: 'Alice' });
      await seedContact(t.a, partnerId, { name: 'Aaron Erased', erased: true });
      const other = await seedPartner(t.a);
      await seedContact(t.a, other, { name: 'Someone Elsewhere' });

      const res = await call(app, 'GET', `/api/v1/partners/${partnerId}/contacts`, { token: token() });
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(['Zelda', 'Alice', 'Bruno', 'Carla']);
      expect(res.body).toMatchObject({ total: 4, page: 1, limit: 20 });

      const page2 = await call(app, 'GET', `/api/v1/partners/${partnerId}/contacts?page=2&limit=3`, { token: token() });
      expect(page2.body).toMatchObject({ total: 4, page: 2, limit: 3 });
      expect(page2.body.items.map((c: { name: string }) => c.name)).toEqual(['Carla']);

      const byName = await call(app, 'GET', `/api/v1/partners/${partnerId}/contacts?sort=-name`, { token: token() });
      expect(byName.body.items.map((c: { name: string }) => c.name)).toEqual(['Zelda', 'Carla', 'Bruno', 'Alice']);

      const beyond = await call(app, 'GET', `/api/v1/partners/${partnerId}/contacts?page=1000`, { token: token() });
      expect(beyond.body).toMatchObject({ items: [], total: 4, page: 1000 });
      const absurd = await call(app, 'GET', `/api/v1/partners/${partnerId}/contacts?page=100000000000000000000`, {
        token: token(),
      });
      expect(absurd.status).toBe(400);
      expect(fieldsOf(absurd.body)).toEqual(['page']);

      const badSort = await call(app, 'GET', `/api/v1/partners/${partnerId}/contacts?sort=email&limit=101`, {
        token: token(),
      });
      expect(badSort.status).toBe(400);
      expect(fieldsOf(badSort.body).sort()).toEqual(['limit', 'sort']);
    });

    it('updates only the fields sent, and clears optional ones with null', async () => {
      const partnerId = await seedPartner(t.a);
      const created = await createContact(partnerId, {
        name: 'Pat Smith',
        email: 'pat@example.org',
        phone: '0123 456',
        jobTitle: 'Director',
      });
      const res = await call(app, 'PATCH', `/api/v1/contacts/${created.id}`, {
        token: token(),
        body: { jobTitle: 'Deputy Director', phone: null, email: 'PAT.SMITH@example.org' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: created.id,
        name: 'Pat Smith',
        email: 'pat.smith@example.org',
        phone: null,
        jobTitle: 'Deputy Director',
        partnerId,
      });
      expect(await contactRow(created.id)).toMatchObject({
        name: 'Pat Smith',
        email: 'pat.smith@example.org',
        phone: null,
        job_title: 'Deputy Director',
      });
    });

    it('may add a contact to an archived partner', async () => {
      const partnerId = await seedPartner(t.a);
      await query(app.databaseUrl, `UPDATE partner SET archived_at = now(), status = 'former' WHERE id = $1`, [
        partnerId,
      ]);
      const created = await createContact(partnerId, { name: 'Still There' });
      expect((await contactsOf(partnerId)).map((c) => c.id)).toEqual([created.id]);
    });

    it('deletes a contact with 204; its engagement links go with it and the engagement stays', async () => {
      const partnerId = await seedPartner(t.a);
      const created = await createContact(partnerId, { name: 'Mistaken Entry' });
      const [engagement] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, 'call', now(), 'A call') RETURNING id`,
        [t.a],
      );
      await query(
        app.databaseUrl,
        'INSERT INTO engagement_contact (engagement_id, contact_id, centre_id) VALUES ($1, $2, $3)',
        [engagement!.id, created.id, t.a],
      );

      const res = await call(app, 'DELETE', `/api/v1/contacts/${created.id}`, { token: token() });
      expect(res.status).toBe(204);
      expect(await contactRow(created.id)).toBeUndefined();
      expect(
        await query(app.databaseUrl, 'SELECT 1 FROM engagement_contact WHERE contact_id = $1', [created.id]),
      ).toEqual([]);
      expect(await query(app.databaseUrl, 'SELECT id FROM engagement WHERE id = $1', [engagement!.id])).toHaveLength(1);
      expect((await call(app, 'GET', `/api/v1/contacts/${created.id}`, { token: token() })).status).toBe(404);
      expect((await call(app, 'DELETE', `/api/v1/contacts/${created.id}`, { token: token() })).status).toBe(404);
    });

    it('every role of the centre may manage contacts', async () => {
      const partnerId = await seedPartner(t.a);
      for (const member of [t.aAdmin, t.aManager, t.aCoordinator]) {
        const res = await call(app, 'POST', `/api/v1/partners/${partnerId}/contacts`, {
          token: member.token,
          body: { name: `By ${member.email}` },
        });
        expect(res.status).toBe(201);
        expect(
          (
            await call(app, 'PATCH', `/api/v1/contacts/${res.body.id}`, {
              token: member.token,
              body: { doNotContact: true },
            })
          ).status,
        ).toBe(200);
        expect((await call(app, 'DELETE', `/api/v1/contacts/${res.body.id}`, { token: member.token })).status).toBe(
          204,
        );
      }
    });
  });

  describe('primary contact', () => {
    it('a new primary contact makes the previous one ordinary, and so does promoting another', async () => {
      const partnerId = await seedPartner(t.a);
      const first = await createContact(partnerId, { name: 'First', primary: true });
      expect(first.primary).toBe(true);
      const second = await createContact(partnerId, { name: 'Second', primary: true });
      expect(second.primary).toBe(true);
      expect(await contactRow(first.id)).toMatchObject({ primary: false });
      expect((await contactRow(second.id))!.primary).toBe(true);

      const promoted = await call(app, 'PATCH', `/api/v1/contacts/${first.id}`, {
        token: token(),
        body: { primary: true },
      });
      expect(promoted.status).toBe(200);
      expect(promoted.body.primary).toBe(true);
      expect((await contactRow(second.id))!.primary).toBe(false);
      expect((await contactsOf(partnerId)).filter((c) => c.primary).map((c) => c.id)).toEqual([first.id]);

      // The demotion is a change like any other: it is in the audit trail.
      const demotions = (await auditOf(second.id)).filter((e) => e.action === 'update');
      expect(demotions).toHaveLength(1);
      expect(demotions[0]!.before).toMatchObject({ primary: true });
      expect(demotions[0]!.after).toMatchObject({ primary: false });

      const listed = await call(app, 'GET', `/api/v1/partners/${partnerId}/contacts`, { token: token() });
      expect(listed.body.items.map((c: { id: string; primary: boolean }) => [c.id, c.primary])).toEqual([
        [first.id, true],
        [second.id, false],
      ]);
    });

    it('re-sending primary: true on the primary contact changes nothing, and unsetting leaves the partner without one', async () => {
      const partnerId = await seedPartner(t.a);
      const only = await createContact(partnerId, { name: 'Only', primary: true });
      const again = await call(app, 'PATCH', `/api/v1/contacts/${only.id}`, {
        token: token(),
        body: { primary: true },
      });
      expect(again.status).toBe(200);
      expect(again.body.primary).toBe(true);
      expect((await auditOf(only.id)).map((e) => e.action)).toEqual(['create']);

      const unset = await call(app, 'PATCH', `/api/v1/contacts/${only.id}`, {
        token: token(),
        body: { primary: false },
      });
      expect(unset.body.primary).toBe(false);
      expect((await contactsOf(partnerId)).filter((c) => c.primary)).toEqual([]);
    });

    it('contacts of another partner keep their primary', async () => {
      const p1 = await seedPartner(t.a);
      const p2 = await seedPartner(t.a);
      const one = await createContact(p1, { name: 'One', primary: true });
      await createContact(p2, { name: 'Two', primary: true });
      expect((await contactRow(one.id))!.primary).toBe(true);
    });
  });

  describe('validation: 400 naming each bad field, and nothing changes', () => {
    let partnerId: string;
    let contactId: string;

    beforeAll(async () => {
      partnerId = await seedPartner(t.a);
      contactId = (await createContact(partnerId, { name: 'Valid Person', email: 'valid@example.org' })).id;
    });

    const tomorrow = () => addDays(centreToday(), 1);

    const badCreates: [string, Record<string, unknown>, string[]][] = [
      ['a missing name', { email: 'x@example.org' }, ['name']],
      ['a blank name', { name: '   ' }, ['name']],
      ['a bad email', { name: 'X', email: 'not-an-email' }, ['email']],
      ['a bad phone', { name: 'X', phone: 'call me maybe' }, ['phone']],
      ['a too short phone', { name: 'X', phone: '12' }, ['phone']],
      ['an unknown lawful basis', { name: 'X', lawfulBasis: 'because' }, ['lawfulBasis']],
      ['consent without its date', { name: 'X', lawfulBasis: 'consent' }, ['consentDate']],
      ['an impossible date', { name: 'X', lawfulBasis: 'consent', consentDate: '2027-02-30' }, ['consentDate']],
      ['a date and time', { name: 'X', lawfulBasis: 'consent', consentDate: '2027-02-03T10:00:00Z' }, ['consentDate']],
      ['a NUL character in the name', { name: 'Nul\u0000Person' }, ['name']],
      ['a NUL character in the job title', { name: 'X', jobTitle: 'Boss\u0000' }, ['jobTitle']],
      ['a primary that is not a boolean', { name: 'X', primary: 'yes' }, ['primary']],
      ['a centreId', { name: 'X', centreId: '00000000-0000-4000-8000-000000000000' }, ['centreId']],
      ['a partnerId', { name: 'X', partnerId: '00000000-0000-4000-8000-000000000000' }, ['partnerId']],
      [
        'several bad fields at once',
        { name: '', email: 'nope', lawfulBasis: 'nope' },
        ['email', 'lawfulBasis', 'name'],
      ],
    ];

    it.each(badCreates)('POST refuses %s', async (_what, body, fields) => {
      const before = await contactsOf(partnerId);
      const res = await call(app, 'POST', `/api/v1/partners/${partnerId}/contacts`, { token: token(), body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect([...new Set(fieldsOf(res.body))].sort()).toEqual(fields);
      expect(await contactsOf(partnerId)).toEqual(before);
    });

    it('a body that is not an object is 400, not a server error', async () => {
      const before = await contactsOf(partnerId);
      for (const body of [[], [{ name: 'X' }], 'X', 42, null]) {
        const res = await call(app, 'POST', `/api/v1/partners/${partnerId}/contacts`, { token: token(), body });
        expect(res.status).toBe(400);
        const patch = await call(app, 'PATCH', `/api/v1/contacts/${contactId}`, { token: token(), body });
        expect(patch.status).toBe(400);
      }
      expect(await contactsOf(partnerId)).toEqual(before);
    });

    it('POST refuses a consent date after today in the centre time zone', async () => {
      const before = await contactsOf(partnerId);
      const res = await call(app, 'POST', `/api/v1/partners/${partnerId}/contacts`, {
        token: token(),
        body: { name: 'X', lawfulBasis: 'consent', consentDate: tomorrow() },
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['consentDate']);
      expect(await contactsOf(partnerId)).toEqual(before);
    });

    const badPatches: [string, () => Record<string, unknown>, string[]][] = [
      ['a partnerId', () => ({ partnerId }), ['partnerId']],
      ['a centreId', () => ({ centreId: t.b }), ['centreId']],
      ['an id', () => ({ id: '00000000-0000-4000-8000-000000000000' }), ['id']],
      ['a null name', () => ({ name: null }), ['name']],
      ['a null primary', () => ({ primary: null }), ['primary']],
      ['a null lawful basis', () => ({ lawfulBasis: null }), ['lawfulBasis']],
      ['a bad email', () => ({ email: 'still@not@email' }), ['email']],
      ['an unknown lawful basis', () => ({ lawfulBasis: 'vital_interest' }), ['lawfulBasis']],
      ['consent without a consent date on record', () => ({ lawfulBasis: 'consent' }), ['consentDate']],
      ['a future consent date', () => ({ lawfulBasis: 'consent', consentDate: tomorrow() }), ['consentDate']],
    ];

    it.each(badPatches)('PATCH refuses %s', async (_what, body, fields) => {
      const before = await contactRow(contactId);
      const res = await call(app, 'PATCH', `/api/v1/contacts/${contactId}`, { token: token(), body: body() });
      expect(res.status).toBe(400);
      expect([...new Set(fieldsOf(res.body))].sort()).toEqual(fields);
      expect(await contactRow(contactId)).toEqual(before);
    });

    it('PATCH keeps a consent contact consistent: its date cannot be removed while consent is the basis', async () => {
      const today = centreToday();
      const ok = await call(app, 'PATCH', `/api/v1/contacts/${contactId}`, {
        token: token(),
        body: { lawfulBasis: 'consent', consentDate: today },
      });
      expect(ok.status).toBe(200);
      const before = await contactRow(contactId);
      const res = await call(app, 'PATCH', `/api/v1/contacts/${contactId}`, {
        token: token(),
        body: { consentDate: null },
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['consentDate']);
      expect(await contactRow(contactId)).toEqual(before);
      // Moving to another basis is fine; the date already on record is kept as it was.
      const moved = await call(app, 'PATCH', `/api/v1/contacts/${contactId}`, {
        token: token(),
        body: { lawfulBasis: 'contract' },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ lawfulBasis: 'contract', consentDate: today });
    });
  });

  describe('centre isolation and unknown ids: 404, and nothing changes', () => {
    it("another centre's partner and contact are not found, whatever the method", async () => {
      const partnerB = await seedPartner(t.b);
      const contactB = await seedContact(t.b, partnerB, { name: 'Bea in B', primary: true });
      const before = await contactsOf(partnerB);
      const searchBefore = await searchText(partnerB);

      const attempts = [
        call(app, 'GET', `/api/v1/partners/${partnerB}/contacts`, { token: token() }),
        call(app, 'POST', `/api/v1/partners/${partnerB}/contacts`, {
          token: token(),
          body: { name: 'Intruder', primary: true },
        }),
        call(app, 'GET', `/api/v1/contacts/${contactB}`, { token: token() }),
        call(app, 'PATCH', `/api/v1/contacts/${contactB}`, {
          token: token(),
          body: { name: 'Renamed', primary: false },
        }),
        call(app, 'DELETE', `/api/v1/contacts/${contactB}`, { token: token() }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('Bea in B');
      }
      // Even the network admin: contact routes are per centre.
      expect((await call(app, 'GET', `/api/v1/contacts/${contactB}`, { token: t.network.token })).status).toBe(404);
      expect(await contactsOf(partnerB)).toEqual(before);
      expect(await searchText(partnerB)).toBe(searchBefore);
      expect(await auditOf(contactB)).toEqual([]);

      // B's own people still see it.
      const own = await call(app, 'GET', `/api/v1/contacts/${contactB}`, { token: t.bCoordinator.token });
      expect(own.status).toBe(200);
      expect(own.body.name).toBe('Bea in B');
    });

    it('a contact of centre A cannot be made primary of, or moved to, a partner of centre B', async () => {
      const partnerA = await seedPartner(t.a);
      const partnerB = await seedPartner(t.b);
      const created = await createContact(partnerA, { name: 'Stays Home' });
      const res = await call(app, 'PATCH', `/api/v1/contacts/${created.id}`, {
        token: token(),
        body: { partnerId: partnerB },
      });
      expect(res.status).toBe(400);
      expect((await contactRow(created.id))!.partner_id).toBe(partnerA);
      expect(await contactsOf(partnerB)).toEqual([]);
    });

    it('a non-uuid or unknown id is 404, not a server error', async () => {
      for (const id of ['not-a-uuid', '12345', "1'; DROP TABLE contact; --", '00000000-0000-4000-8000-000000000000']) {
        const path = encodeURIComponent(id);
        expect((await call(app, 'GET', `/api/v1/contacts/${path}`, { token: token() })).status).toBe(404);
        expect(
          (await call(app, 'PATCH', `/api/v1/contacts/${path}`, { token: token(), body: { name: 'X' } })).status,
        ).toBe(404);
        expect((await call(app, 'DELETE', `/api/v1/contacts/${path}`, { token: token() })).status).toBe(404);
        expect((await call(app, 'GET', `/api/v1/partners/${path}/contacts`, { token: token() })).status).toBe(404);
        expect(
          (await call(app, 'POST', `/api/v1/partners/${path}/contacts`, { token: token(), body: { name: 'X' } }))
            .status,
        ).toBe(404);
      }
      expect(await query(app.databaseUrl, `SELECT id FROM contact WHERE name = 'X'`)).toEqual([]);
    });

    it('an erased person answers 404 to read, update and delete, and stays as it was', async () => {
      const partnerId = await seedPartner(t.a);
      const erased = await seedContact(t.a, partnerId, { name: 'Gone Person', primary: true, erased: true });
      const before = await contactRow(erased);
      expect((await call(app, 'GET', `/api/v1/contacts/${erased}`, { token: token() })).status).toBe(404);
      expect(
        (await call(app, 'PATCH', `/api/v1/contacts/${erased}`, { token: token(), body: { name: 'Back' } })).status,
      ).toBe(404);
      expect((await call(app, 'DELETE', `/api/v1/contacts/${erased}`, { token: token() })).status).toBe(404);
      expect(await contactRow(erased)).toEqual(before);
      // An erased former primary does not stand in the way of a new one, and is left alone.
      const fresh = await createContact(partnerId, { name: 'New Primary', primary: true });
      expect(fresh.primary).toBe(true);
      expect(await contactRow(erased)).toEqual(before);
    });
  });

  describe('partner search text', () => {
    it("holds the contacts' names and emails, lower-cased and without accents, and follows every change", async () => {
      const partnerId = await seedPartner(t.a);
      const zoe = await createContact(partnerId, { name: 'Zoë Dupré', email: 'Zoë.Dupré@Example.ORG' });
      let text = await searchText(partnerId);
      expect(text).toContain('zoe dupre');
      expect(text).toContain('zoe.dupre@example.org');

      await createContact(partnerId, { name: 'Ólafur Þórsson', email: 'OLAFUR@example.is' });
      text = await searchText(partnerId);
      expect(text).toContain('zoe dupre');
      expect(text).toContain('olafur');
      expect(text).toContain('olafur@example.is');

      expect(
        (
          await call(app, 'PATCH', `/api/v1/contacts/${zoe.id}`, {
            token: token(),
            body: { name: 'Zoé Martin', email: 'zoe.martin@example.org' },
          })
        ).status,
      ).toBe(200);
      text = await searchText(partnerId);
      expect(text).toContain('zoe martin');
      expect(text).toContain('zoe.martin@example.org');
      expect(text).not.toContain('dupre');

      expect((await call(app, 'DELETE', `/api/v1/contacts/${zoe.id}`, { token: token() })).status).toBe(204);
      text = await searchText(partnerId);
      expect(text).not.toContain('zoe');
      expect(text).toContain('olafur');
    });
  });

  describe('audit trail', () => {
    it('records create, update and delete of a contact, by whom', async () => {
      const partnerId = await seedPartner(t.a);
      const created = await createContact(partnerId, { name: 'Audited Person', email: 'audited@example.org' });
      await call(app, 'PATCH', `/api/v1/contacts/${created.id}`, { token: token(), body: { doNotContact: true } });
      await call(app, 'DELETE', `/api/v1/contacts/${created.id}`, { token: token() });

      const events = await auditOf(created.id);
      expect(events.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
      expect(events.every((e) => e.actor_id === t.aCoordinator.id)).toBe(true);
      expect(events[0]!.after).toMatchObject({ partnerId, doNotContact: false });
      expect(events[1]!.before).toMatchObject({ doNotContact: false });
      expect(events[1]!.after).toMatchObject({ doNotContact: true });
      expect(events[2]!.after).toBeNull();
    });

    it('refused requests leave no audit row', async () => {
      const partnerId = await seedPartner(t.a);
      const created = await createContact(partnerId, { name: 'Quiet' });
      await call(app, 'PATCH', `/api/v1/contacts/${created.id}`, { token: token(), body: { email: 'bad' } });
      await call(app, 'PATCH', `/api/v1/contacts/${created.id}`, { token: token(), body: { lawfulBasis: 'consent' } });
      expect((await auditOf(created.id)).map((e) => e.action)).toEqual(['create']);
    });
  });

  it('documents every contact route, body, response and error in the OpenAPI document', async () => {
    const doc = (await call(app, 'GET', '/api/docs-json')).body;
    const list = doc.paths['/api/v1/partners/{id}/contacts'];
    const one = doc.paths['/api/v1/contacts/{id}'];
    expect(Object.keys(list).sort()).toEqual(['get', 'post']);
    expect(Object.keys(one).sort()).toEqual(['delete', 'get', 'patch']);
    expect(list.post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateContactDto');
    expect(one.patch.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/UpdateContactDto');
    expect(Object.keys(list.post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404']));
    expect(Object.keys(one.delete.responses)).toEqual(expect.arrayContaining(['204', '401', '403', '404']));
    expect(doc.components.schemas.CreateContactDto.required).toEqual(['name']);
    expect(doc.components.schemas.UpdateContactDto.required ?? []).toEqual([]);
    expect(Object.keys(doc.components.schemas.ContactResponse.properties).sort()).toEqual([
      'consentDate',
      'createdAt',
      'doNotContact',
      'email',
      'erasedAt',
      'id',
      'jobTitle',
      'lawfulBasis',
      'name',
      'partnerId',
      'phone',
      'primary',
      'updatedAt',
    ]);
  });
});
