// The README's screenshots: `npm run build && node bench/readme-screenshots.mjs` writes docs/screenshots/*.png from a
// centre seeded like the benchmarks' (bench/seed-network.mjs: 300 partners with two years of history), signed in as
// its manager in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Not part of the tests.
import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { parseConfig } from '../dist/config/app-config.js';
import { startKeepwarm } from '../dist/keepwarm.js';
import { openBenchDatabase } from './bench-database.mjs';
import { seedNetwork } from './seed-network.mjs';

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const PASSWORD = 'screenshots-password';
const OUT = new URL('../docs/screenshots/', import.meta.url);

const { env, logger, resolved, db, close } = await openBenchDatabase({ PORT: '0', ROLE: 'api' });
let running;
let browser;
try {
  const seeded = await seedNetwork(db, {
    centres: 1,
    partnersPerCentre: 300,
    engagementsPerPartner: 12,
    asOf: TODAY,
    password: PASSWORD,
    namePrefix: 'Safer Internet',
  });
  const centre = seeded.centres[0];
  const [partner] = (
    await db.query(
      `SELECT p.id FROM partner p JOIN engagement_partner ep ON ep.partner_id = p.id WHERE p.centre_id = $1
       GROUP BY p.id ORDER BY count(*) DESC LIMIT 1`,
      [centre.id],
    )
  ).rows;
  running = await startKeepwarm(parseConfig({ ...env, DATABASE_URL: resolved.database.url }), logger);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ baseURL: running.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Today's reminders, as the daily scan would have written them by now (the network admin is the centre's admin).
  const admin = await context.request.post('/api/v1/auth/login', {
    data: { email: seeded.accounts.networkAdmin, password: PASSWORD },
  });
  const scan = await context.request.post('/api/v1/admin/reminders/run', {
    headers: { authorization: `Bearer ${(await admin.json()).accessToken}` },
    data: {},
  });
  if (!scan.ok()) throw new Error(`The reminder scan failed: ${scan.status()} ${await scan.text()}`);
  await context.clearCookies();
  // The API's sign-in sets the session cookie for the pages too.
  const login = await context.request.post('/api/v1/auth/login', {
    data: { email: seeded.accounts.coordinator(1), password: PASSWORD },
  });
  if (!login.ok()) throw new Error(`Sign-in failed: ${login.status()}`);
  await mkdir(OUT, { recursive: true });
  for (const [name, path, height] of [
    ['my-week', '/', 900],
    ['partner-page', `/partners/${partner.id}`, 1000],
    ['dashboard', '/dashboard', 1300],
  ]) {
    await page.setViewportSize({ width: 1280, height });
    await page.goto(path);
    await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname });
    console.log(`docs/screenshots/${name}.png: ${path}`);
  }
} finally {
  await browser?.close();
  await running?.stop();
  await close();
}
