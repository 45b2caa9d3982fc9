import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, localDate } from '../../src/common/dates.js';
import { ReminderSchedules } from '../../src/reminder-scan/reminder-schedules.service.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { call, firstCentreId, seedCentre, seedUser, signIn } from '../utils/api.js';
import { query } from '../utils/database.js';

const TZ = 'Europe/Brussels';

describe('reminders: the scan, and acting on them', () => {
  let app: TestApp;
  let centre: string;
  let admin: string;
  let manager: string;
  let coordinator: { id: string; token: string };
  let colleague: { id: string; token: string };
  let otherAdmin: string;
  // The scan's "today" (and the SID season it falls in) is the pinned test clock's, whatever the hour the suite runs at.
  const clock = new TestClock();
  const today = () => localDate(clock.now(), TZ);

  const api = (token: string, method: string, path: string, body?: unknown) => call(app, method, path, { token, body });
  const run = async (body: Record<string, unknown> = {}, token = admin) => {
    const res = await api(token, 'POST', '/api/v1/admin/reminders/run', body);
    expect(res.status).toBe(200);
    return res.body as {
      asOf: string;
      due: { kind: string; partnerId: string; recipientId: string; dueDate: string }[];
      created: number;
      resolved: number;
      reopened: number;
    };
  };
  const partner = async (body: Record<string, unknown>) => {
    const res = await api(admin, 'POST', '/api/v1/partners', { sector: 'media', ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const engage = async (token: string, partnerId: string, occurredOn: string, extra: Record<string, unknown> = {}) => {
    const res = await api(token, 'POST', '/api/v1/engagements', {
      partnerIds: [partnerId],
      type: 'call',
      occurredAt: `${occurredOn}T10:00:00Z`,
      summary: 'Call',
      ...extra,
    });
    expect(res.status).toBe(201);
  };
  const rows = (partnerId: string) =>
    query<{ kind: string; state: string; recipient_id: string; due_date: string }>(
      app.databaseUrl,
      `SELECT kind, state, recipient_id, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM reminder WHERE partner_id = $1 ORDER BY kind`,
      [partnerId],
    );

  beforeAll(async () => {
    app = await bootApp({ clock });
    centre = await firstCentreId(app);
    // The test clock pins what a scan sees, not when BullMQ's schedulers fire (real time): this suite runs its scans itself.
    await app.app.get(ReminderSchedules).unschedule(centre);
    admin = (await signIn(app, (await seedUser(app, centre, 'admin')).email)).token;
    manager = (await signIn(app, (await seedUser(app, centre, 'manager')).email)).token;
    for (const who of ['coordinator', 'colleague'] as const) {
      const user = await seedUser(app, centre, 'coordinator');
      const session = { id: user.id, token: (await signIn(app, user.email)).token };
      if (who === 'coordinator') coordinator = session;
      else colleague = session;
    }
    otherAdmin = (await signIn(app, (await seedUser(app, await seedCentre(app, 'Elsewhere'), 'admin')).email)).token;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reminds the owner of an overdue partner: previewed by a dry run, written once however often the day is scanned', async () => {
    const id = await partner({ name: 'Overdue telco', ownerId: coordinator.id, cadenceDays: 90 });
    const lastContact = addDays(today(), -100);
    await engage(coordinator.token, id, lastContact);

    const preview = await run({ dryRun: true });
    expect(preview.due).toContainEqual(
      expect.objectContaining({
        kind: 'cadence_overdue',
        partnerId: id,
        recipientId: coordinator.id,
        dueDate: addDays(lastContact, 90),
      }),
    );
    expect(await rows(id)).toEqual([]);

    const first = await run();
    expect(first.created).toBeGreaterThanOrEqual(1);
    // 'sent': the run's digest reported it to the coordinator.
    expect(await rows(id)).toEqual([
      { kind: 'cadence_overdue', state: 'sent', recipient_id: coordinator.id, due_date: addDays(lastContact, 90) },
    ]);
    expect((await run()).created).toBe(0);
    expect(await rows(id)).toHaveLength(1);

    const mine = await api(coordinator.token, 'GET', '/api/v1/reminders');
    expect(mine.body.items).toContainEqual(
      expect.objectContaining({ kind: 'cadence_overdue', partnerId: id, partnerName: 'Overdue telco', state: 'sent' }),
    );
    expect(
      (await api(colleague.token, 'GET', '/api/v1/reminders')).body.items.map(
        (r: { partnerId: string }) => r.partnerId,
      ),
    ).not.toContain(id);
    expect(
      (await api(manager, 'GET', `/api/v1/reminders?recipientId=${coordinator.id}`)).body.items.map(
        (r: { partnerId: string }) => r.partnerId,
      ),
    ).toContain(id);
  });

  it('closes the reminder by itself once the partner is contacted', async () => {
    const id = await partner({ name: 'Contacted at last', ownerId: coordinator.id, cadenceDays: 30 });
    await engage(coordinator.token, id, addDays(today(), -40));
    await run();
    // Pending: the coordinator's digest of the day went out with the first test's reminder; this one waits for tomorrow's.
    expect((await rows(id))[0]).toMatchObject({ state: 'pending' });
    await engage(coordinator.token, id, today());
    const after = await run();
    expect(after.resolved).toBeGreaterThanOrEqual(1);
    expect(await rows(id)).toEqual([expect.objectContaining({ state: 'done' })]);
  });

  it('sends a partner without an owner to a manager, and leaves archived partners alone', async () => {
    const unowned = await partner({ name: "Nobody's partner", cadenceDays: 10 });
    await engage(admin, unowned, addDays(today(), -20));
    const archived = await partner({ name: 'Archived partner', cadenceDays: 10, ownerId: coordinator.id });
    await engage(admin, archived, addDays(today(), -20));
    expect((await api(admin, 'DELETE', `/api/v1/partners/${archived}`)).status).toBe(200);
    await run();
    const [reminder] = await rows(unowned);
    const [managerRow] = await query<{ id: string }>(
      app.databaseUrl,
      `SELECT recipient_id AS id FROM reminder WHERE partner_id = $1`,
      [unowned],
    );
    const [role] = await query<{ role: string }>(app.databaseUrl, 'SELECT role FROM app_user WHERE id = $1', [
      managerRow!.id,
    ]);
    expect(reminder).toMatchObject({ kind: 'cadence_overdue' });
    expect(role!.role).toBe('manager');
    expect(await rows(archived)).toEqual([]);
  });

  it('reminds whoever logged an engagement when its follow-up comes, unless the partner was contacted since', async () => {
    const id = await partner({ name: 'Follow me up', ownerId: coordinator.id, cadenceDays: 365 });
    await engage(colleague.token, id, addDays(today(), -10), { followUpAt: addDays(today(), -1) });
    const later = await partner({ name: 'Already followed up', cadenceDays: 365 });
    await engage(colleague.token, later, addDays(today(), -10), { followUpAt: addDays(today(), -1) });
    await engage(colleague.token, later, addDays(today(), -2));
    await run();
    expect(await rows(id)).toEqual([
      { kind: 'follow_up_due', state: 'sent', recipient_id: colleague.id, due_date: addDays(today(), -1) },
    ]);
    expect(await rows(later)).toEqual([]);
  });

  it('scans any day: as of a past date, only what was due then', async () => {
    const id = await partner({ name: 'Historic', cadenceDays: 30 });
    await engage(admin, id, '2026-01-01');
    expect((await run({ asOf: '2026-01-20', dryRun: true })).due.map((r) => r.partnerId)).not.toContain(id);
    expect((await run({ asOf: '2026-02-15', dryRun: true })).due).toContainEqual(
      expect.objectContaining({ partnerId: id, dueDate: '2026-01-31' }),
    );
  });

  it('marks done and snoozes; a snoozed reminder comes back on its day', async () => {
    const id = await partner({ name: 'Snoozer', ownerId: coordinator.id, cadenceDays: 5 });
    await engage(coordinator.token, id, addDays(today(), -10));
    await run();
    const list = await api(coordinator.token, 'GET', '/api/v1/reminders?kind=cadence_overdue');
    const reminder = list.body.items.find((r: { partnerId: string }) => r.partnerId === id);
    const tomorrow = addDays(today(), 1);
    expect(
      (await api(coordinator.token, 'POST', `/api/v1/reminders/${reminder.id}/snooze`, { until: today() })).status,
    ).toBe(400);
    expect(
      (await api(coordinator.token, 'POST', `/api/v1/reminders/${reminder.id}/snooze`, { until: '2027-02-30' })).status,
    ).toBe(400);
    const snoozed = await api(coordinator.token, 'POST', `/api/v1/reminders/${reminder.id}/snooze`, {
      until: tomorrow,
    });
    expect(snoozed.body).toMatchObject({ state: 'snoozed', snoozedUntil: tomorrow });
    expect((await run({ asOf: tomorrow })).reopened).toBeGreaterThanOrEqual(1);
    // Back from snooze, and reported again in that day's digest.
    expect((await rows(id))[0]).toMatchObject({ state: 'sent' });
    const done = await api(colleague.token, 'POST', `/api/v1/reminders/${reminder.id}/done`);
    expect(done.body).toMatchObject({ state: 'done' });
    expect(
      (await api(coordinator.token, 'POST', `/api/v1/reminders/${reminder.id}/snooze`, { until: tomorrow })).status,
    ).toBe(409);
    expect((await api(otherAdmin, 'POST', `/api/v1/reminders/${reminder.id}/done`)).status).toBe(404);
  });

  it('lets only admins run the scan, and refuses bad input by name', async () => {
    expect((await api(coordinator.token, 'POST', '/api/v1/admin/reminders/run', {})).status).toBe(403);
    expect((await api(manager, 'POST', '/api/v1/admin/reminders/run', {})).status).toBe(403);
    const bad = await api(admin, 'POST', '/api/v1/admin/reminders/run', { asOf: 'tomorrow', dryRun: 'perhaps' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'dryRun']);
  });
});
