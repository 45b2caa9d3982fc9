import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { addDays, localDate, zonedTime } from '../../src/common/dates.js';
import { ReminderSchedules } from '../../src/reminder-scan/reminder-schedules.service.js';
import { bootApp, type Backend, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn, type SignedIn } from '../utils/api.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { waitFor } from '../utils/wait.js';

/** Per-centre job schedulers on one BullMQ backend: made, updated and removed with the centres, and what they fire. */
export function describeReminderSchedules(backend: Backend): void {
  describe(`reminder schedules on the ${backend} queue backend`, () => {
    const clock = new TestClock();
    let app: TestApp;
    let queue: Queue;
    let network: SignedIn;
    let coordinator: SignedIn;
    let firstCentre: string;

    beforeAll(async () => {
      app = await bootApp({ backend, clock });
      queue = app.app.get<Queue>(getQueueToken('reminders'));
      firstCentre = await firstCentreId(app);
      const admin = await seedUser(app, firstCentre, 'admin', { networkAdmin: true });
      network = await signIn(app, admin.email);
      coordinator = await signIn(app, (await seedUser(app, firstCentre, 'coordinator')).email);
    });

    afterAll(async () => {
      await app?.close();
    });

    const schedulers = async () =>
      (await queue.getJobSchedulers(0, -1))
        .map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz }))
        .sort((a, b) => a.key.localeCompare(b.key));
    const schedulersOf = async (centreId: string) => (await schedulers()).filter((s) => s.key.endsWith(centreId));

    it('gives the first-run centre a daily scan and a weekly summary at its reminder hour, in its time zone', async () => {
      const [centre] = await query<{ timezone: string }>(app.databaseUrl, 'SELECT timezone FROM centre WHERE id = $1', [
        firstCentre,
      ]);
      expect(await schedulersOf(firstCentre)).toEqual([
        { key: `scan:${firstCentre}`, pattern: '0 9 * * *', tz: centre!.timezone },
        { key: `summary:${firstCentre}`, pattern: '0 9 * * 1', tz: centre!.timezone },
      ]);
    });

    it('schedules the first-run centre even when only an API process has started (no worker to reconcile)', async () => {
      const api = await bootApp({ backend, env: { ROLE: 'api' } });
      try {
        const centre = await firstCentreId(api);
        const apiQueue = api.app.get<Queue>(getQueueToken('reminders'));
        expect((await apiQueue.getJobSchedulers(0, -1)).map((s) => s.key).sort()).toEqual([
          `scan:${centre}`,
          `summary:${centre}`,
        ]);
      } finally {
        await api.close();
      }
    });

    it('schedules a new centre, follows its changes, and never duplicates a scheduler', async () => {
      const created = await call(app, 'POST', '/api/v1/centres', {
        token: network.token,
        body: { name: `Schedules ${backend}`, country: 'US', timezone: 'America/New_York', reminderHour: 7 },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(await schedulersOf(id)).toEqual([
        { key: `scan:${id}`, pattern: '0 7 * * *', tz: 'America/New_York' },
        { key: `summary:${id}`, pattern: '0 7 * * 1', tz: 'America/New_York' },
      ]);

      const changed = await call(app, 'PATCH', `/api/v1/centres/${id}`, {
        token: network.token,
        body: { reminderHour: 18, timezone: 'Europe/Lisbon' },
      });
      expect(changed.status).toBe(200);
      expect(await schedulersOf(id)).toEqual([
        { key: `scan:${id}`, pattern: '0 18 * * *', tz: 'Europe/Lisbon' },
        { key: `summary:${id}`, pattern: '0 18 * * 1', tz: 'Europe/Lisbon' },
      ]);

      // Reconciling again (a second worker starting) changes nothing and adds nothing.
      await app.app.get(ReminderSchedules).reconcileAll();
      const centres = await query(app.databaseUrl, 'SELECT id FROM centre');
      expect(await schedulers()).toHaveLength(2 * centres.length);
    });

    it('reconciles on start: makes missing schedulers, fixes stale ones, removes those of centres that are gone', async () => {
      const gone = randomUUID();
      await queue.upsertJobScheduler(
        `scan:${gone}`,
        { pattern: '0 9 * * *', tz: 'UTC' },
        { name: 'scan', data: { centreId: gone } },
      );
      await queue.removeJobScheduler(`summary:${firstCentre}`);
      await queue.upsertJobScheduler(
        `scan:${firstCentre}`,
        { pattern: '0 3 * * *', tz: 'UTC' },
        { name: 'scan', data: { centreId: firstCentre } },
      );

      const result = await app.app.get(ReminderSchedules).reconcileAll();
      expect(result).toEqual({ scheduled: 1, removed: 1 });
      const keys = (await schedulers()).map((s) => s.key);
      expect(keys).not.toContain(`scan:${gone}`);
      expect(await schedulersOf(firstCentre)).toEqual([
        expect.objectContaining({ key: `scan:${firstCentre}`, pattern: '0 9 * * *' }),
        expect.objectContaining({ key: `summary:${firstCentre}`, pattern: '0 9 * * 1' }),
      ]);
    });

    it('shows a late scan to everyone, and the scheduled scan that clears it', async () => {
      // Two days on, at 11:00 in the centre (past its 09:00 reminder hour and the grace hour after it, whatever the
      // hour the test started at), the centre's daily scan has never run: overdue for the status endpoint and /health/ready.
      const [centre] = await query<{ timezone: string }>(app.databaseUrl, 'SELECT timezone FROM centre WHERE id = $1', [
        firstCentre,
      ]);
      clock.set(zonedTime(addDays(localDate(clock.now(), centre!.timezone), 2), 11, centre!.timezone));
      const late = await call(app, 'GET', '/api/v1/reminders/status', { token: coordinator.token });
      expect(late.status).toBe(200);
      expect(late.body).toMatchObject({ scanOverdue: true, lastScan: null, lastScheduledScan: null, reminderHour: 9 });
      // The next run is BullMQ's, computed from the real time, not the test clock.
      expect(Date.parse(late.body.nextScanAt)).toBeGreaterThan(Date.now());
      const ready = (await (await fetch(`${app.url}/health/ready`)).json()) as {
        status: string;
        checks: { reminders: { scansOverdue: number; centres: { centreId: string; scanOverdue: boolean }[] } };
      };
      expect(ready.status).toBe('ok');
      expect(ready.checks.reminders.centres).toContainEqual(
        expect.objectContaining({ centreId: firstCentre, scanOverdue: true }),
      );

      // What the scheduler fires: the same job, run by the worker on this backend.
      const job = await queue.add('scan', { centreId: firstCentre });
      await waitFor('the scheduled scan to finish', async () => (await queue.getJob(job.id!))?.finishedOn);
      const after = await call(app, 'GET', '/api/v1/reminders/status', { token: coordinator.token });
      expect(after.body).toMatchObject({ scanOverdue: false, lastScheduledScan: { trigger: 'schedule' } });
      expect(after.body.lastScheduledScan.asOf).toBe(after.body.lastScan.asOf);
      const readyAgain = (await (await fetch(`${app.url}/health/ready`)).json()) as typeof ready;
      expect(readyAgain.checks.reminders.centres).toContainEqual(
        expect.objectContaining({ centreId: firstCentre, scanOverdue: false }),
      );
    });

    it('drops the schedulers of a centre that no longer exists when its job fires', async () => {
      const gone = randomUUID();
      await queue.upsertJobScheduler(
        `scan:${gone}`,
        { pattern: '0 9 * * *', tz: 'UTC' },
        { name: 'scan', data: { centreId: gone } },
      );
      const job = await queue.add('scan', { centreId: gone });
      const finished = await waitFor('the job to finish', async () => {
        const j = await queue.getJob(job.id!);
        return j?.finishedOn ? j : undefined;
      });
      expect(finished.returnvalue).toEqual({ skipped: 'centre removed' });
      expect((await schedulers()).map((s) => s.key)).not.toContain(`scan:${gone}`);
    });
  });
}
