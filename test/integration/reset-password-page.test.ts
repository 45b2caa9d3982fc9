import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, TEST_PASSWORD } from '../utils/api.js';
import { waitForEmails } from '../utils/outbox.js';

/** The page behind the emailed link: a plain HTML form, usable without JavaScript, that sets the password once. */
describe('the reset-password page', () => {
  let app: TestApp;
  let user: { email: string };
  let link: URL;

  beforeAll(async () => {
    app = await bootApp({ env: { PUBLIC_URL: 'http://keepwarm.test:3000' } });
    user = await seedUser(app, await firstCentreId(app), 'coordinator');
    expect((await call(app, 'POST', '/api/v1/auth/password-reset', { body: { email: user.email } })).status).toBe(202);
    const [email] = await waitForEmails(app, user.email);
    link = new URL(/http:\/\/keepwarm\.test:3000\/reset-password\?token=\S+/.exec(email!.text)![0]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens from the emailed link as a labelled form carrying the token', async () => {
    const res = await fetch(`${app.url}${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    // The token is in the address: no page it links to may see it.
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<label for="f-password">');
    expect(html).toContain(`value="${link.searchParams.get('token')}"`);

    // Nobody is signed in: the page speaks the browser's language.
    const french = await fetch(`${app.url}${link.pathname}${link.search}`, { headers: { 'accept-language': 'fr-BE' } });
    expect(await french.text()).toContain('<h1>Choisir un nouveau mot de passe</h1>');
  });

  it('explains a mismatch without using the link, then sets the password and refuses a second use', async () => {
    const token = link.searchParams.get('token')!;
    const post = (form: Record<string, string>) =>
      fetch(`${app.url}/reset-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });

    const mismatch = await post({ token, password: 'a-brand-new-password', confirm: 'something-else-entirely' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two passwords are not the same.');

    // A password the rules refuse (here the current one) shows the form again, with the link still usable.
    const current = await post({ token, password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    expect(current.status).toBe(400);
    const currentHtml = await current.text();
    expect(currentHtml).toContain('must not be the current password');
    expect(currentHtml).toContain(`value="${token}"`);

    const ok = await post({ token, password: 'a-brand-new-password', confirm: 'a-brand-new-password' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Your password is set');
    expect(
      (await call(app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'a-brand-new-password' } }))
        .status,
    ).toBe(200);

    const again = await post({ token, password: 'yet-another-password', confirm: 'yet-another-password' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('invalid, expired or already used');
    expect(
      (await call(app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'yet-another-password' } }))
        .status,
    ).toBe(401);
  });
});
