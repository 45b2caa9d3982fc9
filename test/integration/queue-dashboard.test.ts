import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailService } from '../../src/mail/mail.service.js';
import { QUEUES } from '../../src/queue/queue-names.js';
import { call, firstCentreId, seedUser, signIn } from '../utils/api.js';
import { bootApp, type Backend, type TestApp } from '../utils/app.js';
import { waitFor } from '../utils/wait.js';

interface QueueListing {
  queues: { name: string; isPaused: boolean; counts: Record<string, number> }[];
}

describe.each<Backend>(['postgres', 'redis'])('queue dashboard at /admin/queues (%s backend)', (backend) => {
  let app: TestApp;
  let networkAdmin: string;
  let networkAdminId: string;
  let ownOrigin: string;

  beforeAll(async () => {
    app = await bootApp({ backend });
    const centreId = await firstCentreId(app);
    const signedIn = await signIn(app, (await seedUser(app, centreId, 'admin', { networkAdmin: true })).email);
    networkAdmin = signedIn.cookie;
    networkAdminId = signedIn.user.id;
    ownOrigin = new URL(app.config.http.publicUrl).origin;
  });

  afterAll(async () => {
    await app?.close();
  });

  const listing = async () =>
    (await call<QueueListing>(app, 'GET', '/admin/queues/api/queues', { cookie: networkAdmin })).body;
  const mailQueue = async () => (await listing()).queues.find((q) => q.name === QUEUES.mail)!;

  it('answers an anonymous visitor 401 with a problem document, for the page and its API alike', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/css/x.css']) {
      const res = await call(app, 'GET', path);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toContain('network admin');
    }
    // A forged or ended session is no better than none.
    expect((await call(app, 'GET', '/admin/queues', { cookie: 'keepwarm_session=forged.token' })).status).toBe(401);
  });

  it('refuses a centre admin or coordinator who is not a network admin with 403', async () => {
    const centreId = await firstCentreId(app);
    for (const role of ['admin', 'coordinator'] as const) {
      const { cookie, token } = await signIn(app, (await seedUser(app, centreId, role)).email);
      const page = await call(app, 'GET', '/admin/queues', { cookie });
      expect(page.status).toBe(403);
      expect(page.body.detail).toBe('Only network admins may see the queue dashboard');
      expect((await call(app, 'GET', '/admin/queues/api/queues', { cookie })).status).toBe(403);
      // The dashboard reads the session cookie only; a Bearer token does not open it.
      expect((await call(app, 'GET', '/admin/queues/api/queues', { token })).status).toBe(401);
    }
  });

  it('shows a network admin the dashboard page and every queue with its job counts', async () => {
    const page = await call<string>(app, 'GET', '/admin/queues', { cookie: networkAdmin });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<title>Keepwarm queues</title>');
    const script = /<script defer src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)![1]!;
    expect((await call(app, 'GET', `/admin/queues/${script}`, { cookie: networkAdmin })).status).toBe(200);

    expect((await listing()).queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    await app.app
      .get(MailService)
      .sendFromInstallation({ to: 'someone@example.org', subject: 'Counted on the dashboard', text: 'x' });
    const mail = await waitFor('the sent email to count as completed', async () => {
      const queue = await mailQueue();
      return queue.counts.completed === 1 ? queue : undefined;
    });
    expect(mail.counts).toMatchObject({ waiting: 0, active: 0, failed: 0, delayed: 0 });
  });

  it('carries out a queue action sent from its own origin and refuses one from elsewhere', async () => {
    const pause = '/admin/queues/api/queues/mail/pause';
    const elsewhere = await call(app, 'PUT', pause, {
      cookie: networkAdmin,
      headers: { origin: 'https://attacker.example' },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.detail).toContain(ownOrigin);
    const refererElsewhere = await call(app, 'PUT', pause, {
      cookie: networkAdmin,
      headers: { referer: 'https://attacker.example/page' },
    });
    expect(refererElsewhere.status).toBe(403);
    expect((await call(app, 'PUT', pause, { cookie: networkAdmin })).status).toBe(403); // neither Origin nor Referer
    expect((await mailQueue()).isPaused).toBe(false);

    expect((await call(app, 'PUT', pause, { cookie: networkAdmin, headers: { origin: ownOrigin } })).status).toBe(200);
    expect((await mailQueue()).isPaused).toBe(true);
    // Not audited, but the request log says who did it.
    expect(app.logs).toContainEqual(
      expect.objectContaining({ userId: networkAdminId, req: expect.objectContaining({ method: 'PUT', url: pause }) }),
    );
    const resume = await call(app, 'PUT', '/admin/queues/api/queues/mail/resume', {
      cookie: networkAdmin,
      headers: { referer: `${ownOrigin}/admin/queues/` },
    });
    expect(resume.status).toBe(200);
    expect((await mailQueue()).isPaused).toBe(false);
  });
});

describe('queue dashboard on a worker process', () => {
  let worker: TestApp;

  beforeAll(async () => {
    worker = await bootApp({ env: { ROLE: 'worker' } });
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('is not served: a worker answers health and metrics only', async () => {
    const res = await call(worker, 'GET', '/admin/queues');
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('ROLE=worker');
  });
});
