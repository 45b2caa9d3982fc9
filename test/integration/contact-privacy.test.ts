import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, seedUser, signIn } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

/** A person's rights (GDPR): export everything held about a contact, and erase them while their history stays. */
describe('contact privacy', () => {
  let app: TestApp;
  let t: TwoCentres;
  let n = 0;

  const sql = <R extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    query<R>(app.databaseUrl, text, params);

  async function seedPartner(centreId: string): Promise<string> {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'education') RETURNING id`,
      [centreId, `Privacy partner ${++n}`],
    );
    return row!.id;
  }

  /** A contact made through the API (so the audit trail has its creation), with an engagement, a seat and a reminder. */
  async function seedPerson(): Promise<{ partnerId: string; contactId: string; engagementId: string; seatId: string }> {
    const partnerId = await seedPartner(t.a);
    const created = await call(app, 'POST', `/api/v1/partners/${partnerId}/contacts`, {
      token: t.aCoordinator.token,
      body: {
        name: `Zélie Quartermain ${++n}`,
        email: `zelie.${n}@example.org`,
        phone: '+32 470 12 34 56',
        jobTitle: 'Head of safeguarding',
        primary: true,
        lawfulBasis: 'consent',
        consentDate: '2025-03-01',
      },
    });
    expect(created.status).toBe(201);
    const contactId = created.body.id as string;
    const [engagement] = await sql<{ id: string }>(
      `INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, 'meeting', '2026-02-10T10:00:00Z', 'SID planning') RETURNING id`,
      [t.a],
    );
    const engagementId = engagement!.id;
    await sql(
      `INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at) VALUES ($1, $2, $3, '2026-02-10T10:00:00Z')`,
      [engagementId, partnerId, t.a],
    );
    await sql(`INSERT INTO engagement_contact (engagement_id, contact_id, centre_id) VALUES ($1, $2, $3)`, [
      engagementId,
      contactId,
      t.a,
    ]);
    const [board] = await sql<{ id: string }>(
      `INSERT INTO advisory_board (centre_id, name) VALUES ($1, $2) RETURNING id`,
      [t.a, `Board ${n}`],
    );
    const [seat] = await sql<{ id: string }>(
      `INSERT INTO board_membership (centre_id, board_id, partner_id, contact_id, role, term_start)
       VALUES ($1, $2, $3, $4, 'chair', '2026-01-01') RETURNING id`,
      [t.a, board!.id, partnerId, contactId],
    );
    await sql(
      `INSERT INTO reminder (centre_id, recipient_id, partner_id, contact_id, kind, due_date, dedupe_key)
       VALUES ($1, $2, $3, $4, 'contact_review', '2026-12-01', $5)`,
      [t.a, t.aManager.id, partnerId, contactId, `privacy-test-${contactId}`],
    );
    return { partnerId, contactId, engagementId, seatId: seat!.id };
  }

  beforeAll(async () => {
    app = await bootApp();
    t = await seedTwoCentres(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('exports everything held about the person to admins and managers', async () => {
    const person = await seedPerson();
    for (const member of [t.aAdmin, t.aManager]) {
      const res = await call(app, 'GET', `/api/v1/contacts/${person.contactId}/export`, { token: member.token });
      expect(res.status).toBe(200);
      expect(res.body.contact).toMatchObject({
        id: person.contactId,
        email: expect.stringMatching(/^zelie\.\d+@example\.org$/),
        phone: '+32 470 12 34 56',
        jobTitle: 'Head of safeguarding',
        lawfulBasis: 'consent',
        consentDate: '2025-03-01',
        erasedAt: null,
      });
      expect(res.body.contact.name).toMatch(/^Zélie Quartermain/);
      expect(res.body.engagements).toEqual([
        expect.objectContaining({ id: person.engagementId, type: 'meeting', partnerIds: [person.partnerId] }),
      ]);
      expect(res.body.boardSeats).toEqual([
        expect.objectContaining({ id: person.seatId, role: 'chair', termStart: '2026-01-01', termEnd: null }),
      ]);
      expect(res.body.reminders).toEqual([expect.objectContaining({ kind: 'contact_review', dueDate: '2026-12-01' })]);
      expect(res.body.audit).toEqual([expect.objectContaining({ action: 'create', actorId: t.aCoordinator.id })]);
    }
    const coordinator = await call(app, 'GET', `/api/v1/contacts/${person.contactId}/export`, {
      token: t.aCoordinator.token,
    });
    expect(coordinator.status).toBe(403);
  });

  it('erases the personal fields, keeps the history, audits once without the old values, and is idempotent', async () => {
    const person = await seedPerson();
    const [before] = await sql<{ name: string; email: string }>(`SELECT name, email FROM contact WHERE id = $1`, [
      person.contactId,
    ]);
    const [{ search_text: searchBefore }] = (await sql<{ search_text: string }>(
      `SELECT search_text FROM partner WHERE id = $1`,
      [person.partnerId],
    )) as [{ search_text: string }];
    expect(searchBefore).toContain('quartermain');

    const first = await call(app, 'POST', `/api/v1/contacts/${person.contactId}/erase`, { token: t.aAdmin.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: person.contactId,
      name: 'Erased contact',
      email: null,
      phone: null,
      jobTitle: null,
      consentDate: null,
      primary: false,
      doNotContact: true,
    });
    expect(first.body.erasedAt).toEqual(expect.any(String));

    const [row] = await sql<Record<string, unknown>>(
      `SELECT name, email, phone, job_title, lawful_basis, consent_date, "primary", do_not_contact, erased_at
         FROM contact WHERE id = $1`,
      [person.contactId],
    );
    expect(row).toMatchObject({
      name: 'Erased contact',
      email: null,
      phone: null,
      job_title: null,
      lawful_basis: 'legitimate_interest',
      consent_date: null,
      primary: false,
      do_not_contact: true,
    });
    expect(row!.erased_at).toBeInstanceOf(Date);

    const [{ search_text: searchAfter }] = (await sql<{ search_text: string }>(
      `SELECT search_text FROM partner WHERE id = $1`,
      [person.partnerId],
    )) as [{ search_text: string }];
    expect(searchAfter).not.toContain('quartermain');
    expect(searchAfter).not.toContain(before!.email.toLowerCase());
    expect(searchAfter).not.toContain('erased');

    // The history stays, pointing at the (now empty) contact.
    expect(
      await sql(`SELECT 1 FROM engagement_contact WHERE engagement_id = $1 AND contact_id = $2`, [
        person.engagementId,
        person.contactId,
      ]),
    ).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM engagement WHERE id = $1`, [person.engagementId])).toHaveLength(1);
    expect(
      await sql(`SELECT 1 FROM board_membership WHERE id = $1 AND contact_id = $2`, [person.seatId, person.contactId]),
    ).toHaveLength(1);

    const audit = () =>
      sql<{ action: string; actor_id: string; before: unknown; after: unknown }>(
        `SELECT action, actor_id, before, after FROM audit_event WHERE entity_type = 'contact' AND entity_id = $1 ORDER BY id`,
        [person.contactId],
      );
    const rows = await audit();
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    const erasure = rows[1]!;
    expect(erasure.actor_id).toBe(t.aAdmin.id);
    const recorded = JSON.stringify([erasure.before, erasure.after]);
    expect(recorded).not.toContain(before!.name);
    expect(recorded).not.toContain(before!.email);
    expect(recorded).not.toContain('+32 470');
    expect(recorded).not.toContain('safeguarding');
    expect(erasure.after).toMatchObject({ erasedAt: expect.any(String), email: null });

    // Idempotent: the same answer, no second audit row.
    const second = await call(app, 'POST', `/api/v1/contacts/${person.contactId}/erase`, { token: t.aAdmin.token });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await audit()).toHaveLength(2);

    // The export still answers, with what is left.
    const exported = await call(app, 'GET', `/api/v1/contacts/${person.contactId}/export`, { token: t.aAdmin.token });
    expect(exported.status).toBe(200);
    expect(exported.body.contact).toMatchObject({ name: 'Erased contact', email: null, erasedAt: first.body.erasedAt });
    expect(exported.body.engagements).toHaveLength(1);
    expect(exported.body.boardSeats).toHaveLength(1);
    expect(JSON.stringify(exported.body)).not.toContain(before!.email);
  });

  it('lets only admins erase', async () => {
    const person = await seedPerson();
    for (const member of [t.aManager, t.aCoordinator]) {
      const res = await call(app, 'POST', `/api/v1/contacts/${person.contactId}/erase`, { token: member.token });
      expect(res.status).toBe(403);
    }
    const [row] = await sql<{ erased_at: Date | null }>(`SELECT erased_at FROM contact WHERE id = $1`, [
      person.contactId,
    ]);
    expect(row!.erased_at).toBeNull();
  });

  it("answers 404 for another centre's contact on both routes", async () => {
    const person = await seedPerson();
    const exported = await call(app, 'GET', `/api/v1/contacts/${person.contactId}/export`, { token: t.bAdmin.token });
    expect(exported.status).toBe(404);
    const erased = await call(app, 'POST', `/api/v1/contacts/${person.contactId}/erase`, { token: t.bAdmin.token });
    expect(erased.status).toBe(404);
    const [row] = await sql<{ name: string; erased_at: Date | null }>(
      `SELECT name, erased_at FROM contact WHERE id = $1`,
      [person.contactId],
    );
    expect(row!.erased_at).toBeNull();
    expect(row!.name).toMatch(/^Zélie Quartermain/);
  });

  it("offers export to managers and erase to admins on the partner's page, and erases through the same service", async () => {
    const person = await seedPerson();
    const admin = await signIn(app, t.aAdmin.email, t.aAdmin.password);
    const manager = await signIn(app, t.aManager.email, t.aManager.password);

    const asAdmin = await call<string>(app, 'GET', `/partners/${person.partnerId}`, { cookie: admin.cookie });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toContain(`/api/v1/contacts/${person.contactId}/export`);
    expect(asAdmin.body).toContain(`/partners/${person.partnerId}/contacts/${person.contactId}/erase`);
    expect(asAdmin.body).toContain('data-confirm');
    const asManager = await call<string>(app, 'GET', `/partners/${person.partnerId}`, { cookie: manager.cookie });
    expect(asManager.body).toContain(`/api/v1/contacts/${person.contactId}/export`);
    expect(asManager.body).not.toContain(`/contacts/${person.contactId}/erase`);

    const erasePath = `/partners/${person.partnerId}/contacts/${person.contactId}/erase`;
    const refused = await call(app, 'POST', erasePath, { cookie: manager.cookie, form: { _csrf: manager.csrfToken } });
    expect(refused.status).toBe(403);
    const done = await call(app, 'POST', erasePath, { cookie: admin.cookie, form: { _csrf: admin.csrfToken } });
    expect(done.status).toBe(303);
    const [row] = await sql<{ name: string; email: string | null; erased_at: Date | null }>(
      `SELECT name, email, erased_at FROM contact WHERE id = $1`,
      [person.contactId],
    );
    expect(row).toMatchObject({ name: 'Erased contact', email: null });
    expect(row!.erased_at).toBeInstanceOf(Date);
  });
  it('cancels the open reminders about the person, and the scan makes no new ones', async () => {
    // A key partner's primary contact, on file for two years: the scan asks for a yearly review of them.
    const person = await seedPerson();
    await sql(`UPDATE partner SET tier = 'key', owner_id = $2 WHERE id = $1`, [person.partnerId, t.aManager.id]);
    await sql(`UPDATE contact SET created_at = now() - interval '2 years' WHERE id = $1`, [person.contactId]);
    const asOf = new Date().toISOString().slice(0, 10);
    const reviews = () =>
      sql<{ id: string; state: string }>(
        `SELECT id, state FROM reminder WHERE contact_id = $1 AND kind = 'contact_review' ORDER BY id`,
        [person.contactId],
      );
    const isOpen = (r: { state: string }) => ['pending', 'sent', 'snoozed'].includes(r.state);
    const scan = (day: string) =>
      call(app, 'POST', '/api/v1/admin/reminders/run', { token: t.aAdmin.token, body: { asOf: day, dryRun: false } });
    const first = await scan(asOf);
    expect(first.status).toBe(200);
    expect(first.body.due).toContainEqual(
      expect.objectContaining({ kind: 'contact_review', contactId: person.contactId }),
    );
    const open = (await reviews()).filter(isOpen);
    expect(open.length).toBeGreaterThan(0);

    const erased = await call(app, 'POST', `/api/v1/contacts/${person.contactId}/erase`, { token: t.aAdmin.token });
    expect(erased.status).toBe(200);
    const after = await reviews();
    expect(after.filter((r) => open.some((o) => o.id === r.id)).map((r) => r.state)).toEqual(
      open.map(() => 'cancelled'),
    );

    // The next scans (today's again, and a year on) make none about the erased person.
    const again = await scan(asOf);
    const nextYear = await scan(`${Number(asOf.slice(0, 4)) + 1}${asOf.slice(4)}`);
    for (const res of [again, nextYear]) {
      expect(res.status).toBe(200);
      expect(res.body.due).not.toContainEqual(expect.objectContaining({ contactId: person.contactId }));
    }
    const final = await reviews();
    expect(final).toHaveLength(after.length);
    expect(final.filter(isOpen)).toEqual([]);
  });

  it("keeps the erased person's address from reminder mail, though it is no longer on file", async () => {
    // A colleague's account shares the address of a contact (a partner's staff member who also uses Keepwarm), and
    // owns the contact's partner, which is overdue for contact: a reminder for the colleague on any later day.
    const person = await seedPerson();
    const [contact] = await sql<{ email: string }>(`SELECT email FROM contact WHERE id = $1`, [person.contactId]);
    const colleague = await seedUser(app, t.a, 'coordinator', { email: contact!.email.toUpperCase() });
    await sql(`UPDATE partner SET owner_id = $2 WHERE id = $1`, [person.partnerId, colleague.id]);
    /** The scan of `asOf` with the colleague's reminders not yet reported: did it stage a digest to them? */
    const digestStaged = async (asOf: string) => {
      await sql(`UPDATE reminder SET state = 'pending' WHERE recipient_id = $1 AND state = 'sent'`, [colleague.id]);
      const run = await call(app, 'POST', '/api/v1/admin/reminders/run', {
        token: t.aAdmin.token,
        body: { asOf, dryRun: false },
      });
      expect(run.status).toBe(200);
      expect(run.body.due).toContainEqual(expect.objectContaining({ recipientId: colleague.id }));
      const staged = await sql(`SELECT 1 FROM outbox_email WHERE dedupe_key = $1 AND lower(recipient) = lower($2)`, [
        `digest:${colleague.id}:${asOf}`,
        colleague.email,
      ]);
      return staged.length > 0;
    };
    expect(await digestStaged('2030-01-01')).toBe(true);

    const erased = await call(app, 'POST', `/api/v1/contacts/${person.contactId}/erase`, { token: t.aAdmin.token });
    expect(erased.status).toBe(200);
    expect(await sql(`SELECT 1 FROM contact WHERE lower(email) = lower($1)`, [colleague.email])).toHaveLength(0);
    expect(await digestStaged('2030-01-02')).toBe(false);
  });
});
