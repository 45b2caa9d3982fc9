import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, signIn } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { QueueJobs } from '../utils/queue-jobs.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

/** The day the daily run happens: a Wednesday in May, midday in Europe, far from month ends and DST changes. */
const NOW = new Date('2027-05-12T10:30:00Z');

/**
 * The retention rule: a centre that sets "erase contacts of partners archived for N months" has the daily reminder
 * job erase them, as an admin's erasure would, listed in the audit trail as the system's.
 */
describe('contact retention', () => {
  let app: TestApp;
  let t: TwoCentres;
  let jobs: QueueJobs;
  let n = 0;

  const sql = <R extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    query<R>(app.databaseUrl, text, params);

  /** A partner archived at `archivedAt` (null: current) with two contacts, one primary with an open review reminder. */
  async function seedPartner(centreId: string, archivedAt: string | null) {
    const [partner] = await sql<{ id: string }>(
      `INSERT INTO partner (centre_id, name, sector, tier, archived_at) VALUES ($1, $2, 'education', 'key', $3) RETURNING id`,
      [centreId, `Retention partner ${++n}`, archivedAt],
    );
    const contacts = await sql<{ id: string }>(
      `INSERT INTO contact (centre_id, partner_id, name, email, phone, "primary")
       VALUES ($1, $2, $3, $4, '+32 470 00 00 00', true), ($1, $2, $5, $6, NULL, false) RETURNING id`,
      [
        centreId,
        partner!.id,
        `Océane Vandersteen ${n}`,
        `oceane.${n}@example.org`,
        `Bram Peeters ${n}`,
        `bram.${n}@example.org`,
      ],
    );
    const ids = contacts.map((c) => c.id);
    const recipient = centreId === t.a ? t.aManager.id : t.bManager.id;
    await sql(
      `INSERT INTO reminder (centre_id, recipient_id, partner_id, contact_id, kind, due_date, dedupe_key)
       VALUES ($1, $2, $3, $4, 'contact_review', '2027-05-01', $5)`,
      [centreId, recipient, partner!.id, ids[0], `retention-test-${ids[0]}`],
    );
    return { partnerId: partner!.id, contactIds: ids };
  }

  const contactsOf = (partnerId: string) =>
    sql<{ name: string; email: string | null; phone: string | null; erased_at: Date | null }>(
      `SELECT name, email, phone, erased_at FROM contact WHERE partner_id = $1 ORDER BY name`,
      [partnerId],
    );
  const reviewStates = (partnerId: string) =>
    sql<{ state: string }>(`SELECT state FROM reminder WHERE partner_id = $1 AND kind = 'contact_review'`, [
      partnerId,
    ]).then((rows) => rows.map((r) => r.state));
  const retentionAudit = () =>
    sql<{ entity_id: string; action: string; actor_id: string | null; before: unknown; after: unknown }>(
      `SELECT entity_id, action, actor_id, before, after FROM audit_event
        WHERE entity_type = 'contact' AND request_id = 'retention:2027-05-12' ORDER BY id`,
    );
  const dailyRun = (centreId: string) =>
    jobs.run<{ erased: number; asOf: string }>('scan', { centreId }, `retention-${centreId}-${++n}`);

  beforeAll(async () => {
    app = await bootApp({ clock: new TestClock(NOW) });
    t = await seedTwoCentres(app);
    jobs = await QueueJobs.open(app, 'reminders');
  });

  afterAll(async () => {
    await jobs?.close();
    await app?.close();
  });

  it('is off by default and accepts 1 to 120 months or null through the centre settings API', async () => {
    const centre = await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token });
    expect(centre.body.contactRetentionMonths).toBeNull();

    for (const bad of [0, 121, 2.5, 'six']) {
      const refused = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
        token: t.aAdmin.token,
        body: { contactRetentionMonths: bad },
      });
      expect(refused.status).toBe(400);
      expect(new Set(fieldsOf(refused.body))).toEqual(new Set(['contactRetentionMonths']));
    }
    const on = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
      token: t.aAdmin.token,
      body: { contactRetentionMonths: 24 },
    });
    expect(on.status).toBe(200);
    expect(on.body.contactRetentionMonths).toBe(24);
    const off = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
      token: t.aAdmin.token,
      body: { contactRetentionMonths: null },
    });
    expect(off.body.contactRetentionMonths).toBeNull();
    const [row] = await sql<{ contact_retention_months: number | null }>(
      `SELECT contact_retention_months FROM centre WHERE id = $1`,
      [t.a],
    );
    expect(row!.contact_retention_months).toBeNull();
  });

  it('is set on the settings page: blank is off, a number of months is on, anything else is refused next to the field', async () => {
    const admin = await signIn(app, t.aAdmin.email, t.aAdmin.password);
    const page = await call<string>(app, 'GET', '/admin/settings', { cookie: admin.cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="contactRetentionMonths"');
    // The page's own form, as saved, with the retention field changed.
    const centre = await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token });
    const form = (months: string) => ({
      _csrf: admin.csrfToken,
      name: centre.body.name,
      country: centre.body.country,
      timezone: centre.body.timezone,
      sectors: centre.body.sectors.join('\n'),
      keepWarmPlan: centre.body.keepWarmPlan.join(', '),
      'cadence.defaultDays': String(centre.body.cadence.defaultDays),
      contactRetentionMonths: months,
    });
    const bad = await call<string>(app, 'POST', '/admin/settings', { cookie: admin.cookie, form: form('200') });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="f-contactRetentionMonths-error"');
    expect(
      (await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token })).body.contactRetentionMonths,
    ).toBeNull();
    const saved = await call(app, 'POST', '/admin/settings', { cookie: admin.cookie, form: form('18') });
    expect(saved.status).toBe(303);
    expect(
      (await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token })).body.contactRetentionMonths,
    ).toBe(18);
    const cleared = await call(app, 'POST', '/admin/settings', { cookie: admin.cookie, form: form('') });
    expect(cleared.status).toBe(303);
    expect(
      (await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token })).body.contactRetentionMonths,
    ).toBeNull();
  });

  it('erases, in the daily job, the contacts of partners archived for at least N months, and nothing else', async () => {
    // Centre A keeps contacts 6 months after archiving; centre B has the rule off.
    await call(app, 'PATCH', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token, body: { contactRetentionMonths: 6 } });
    const sevenMonths = await seedPartner(t.a, '2026-10-12T12:00:00Z');
    const sixMonthsToTheDay = await seedPartner(t.a, '2026-11-12T12:00:00Z');
    const fiveMonths = await seedPartner(t.a, '2026-12-12T12:00:00Z');
    const current = await seedPartner(t.a, null);
    const otherCentre = await seedPartner(t.b, '2025-01-15T12:00:00Z');
    const before = await contactsOf(sevenMonths.partnerId);

    const first = await dailyRun(t.a);
    expect(first).toMatchObject({ asOf: '2027-05-12', erased: 4 });

    for (const gone of [sevenMonths, sixMonthsToTheDay]) {
      const rows = await contactsOf(gone.partnerId);
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toMatchObject({ name: 'Erased contact', email: null, phone: null });
        expect(row.erased_at).toBeInstanceOf(Date);
      }
      // The open review of the erased primary contact is closed with them.
      expect(await reviewStates(gone.partnerId)).toEqual(['cancelled']);
    }
    for (const kept of [fiveMonths, current, otherCentre]) {
      const rows = await contactsOf(kept.partnerId);
      expect(rows.map((r) => r.erased_at)).toEqual([null, null]);
      expect(rows.every((r) => r.email?.endsWith('@example.org'))).toBe(true);
      // (The scan that follows may close it as done, its reason gone; never cancelled as an erasure does.)
      expect(await reviewStates(kept.partnerId)).not.toContain('cancelled');
    }

    // Audited like an admin's erasure (one update per person, without the erased values), by the system.
    const audit = await retentionAudit();
    expect(audit.map((a) => a.entity_id).sort()).toEqual(
      [...sevenMonths.contactIds, ...sixMonthsToTheDay.contactIds].sort(),
    );
    for (const row of audit) {
      expect(row.action).toBe('update');
      expect(row.actor_id).toBeNull();
      expect(row.after).toMatchObject({ erasedAt: expect.any(String), email: null });
    }
    const recorded = JSON.stringify(audit);
    for (const contact of before) {
      expect(recorded).not.toContain(contact.name);
      expect(recorded).not.toContain(contact.email!);
    }
    // The admin's audit trail lists them.
    const trail = await call(app, 'GET', `/api/v1/audit?entity=contact&entityId=${sevenMonths.contactIds[0]}`, {
      token: t.aAdmin.token,
    });
    expect(trail.status).toBe(200);
    expect(trail.body.items).toContainEqual(
      expect.objectContaining({ action: 'update', actorId: null, requestId: 'retention:2027-05-12' }),
    );

    // Centre B's daily run, with the rule off, erases nothing of its own archived partner.
    expect(await dailyRun(t.b)).not.toHaveProperty('erased');
    expect((await contactsOf(otherCentre.partnerId)).map((r) => r.erased_at)).toEqual([null, null]);

    // The same day again: nothing more erased, no more audit rows.
    expect(await dailyRun(t.a)).toMatchObject({ erased: 0 });
    expect(await retentionAudit()).toHaveLength(4);
    expect((await contactsOf(fiveMonths.partnerId)).map((r) => r.erased_at)).toEqual([null, null]);
  });
});
