// Mail delivery benchmark: `npm run bench:mail`. Prints figures, asserts nothing (machines are shared and noisy).
// Boots the built app (dist/, ROLE=all) against BENCH_DATABASE_URL (a database it may fill) or a temporary embedded
// PostgreSQL, with an in-process SMTP sink. Stages EMAILS digest-sized emails (HTML + text, about 5 KB) in one
// transaction, dispatches them, and times until the sink has accepted every one. Target: 10,000 in ≤ 60 s.
// Settings: EMAILS (10000), WORKER_CONCURRENCY (20: also the SMTP connections), BENCH_REDIS_URL (runs on the
// BullMQ Redis backend instead of PostgreSQL), BENCH_DATABASE_URL.
import 'reflect-metadata';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { RequestContext } from '../dist/common/request-context.js';
import { parseConfig } from '../dist/config/app-config.js';
import { CentreScope } from '../dist/database/centre-scope.js';
import { startKeepwarm } from '../dist/keepwarm.js';
import { createRootLogger } from '../dist/logging/logger.js';
import { MailService } from '../dist/mail/mail.service.js';

const EMAILS = Number(process.env.EMAILS ?? 10_000);
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 20);
const REDIS_URL = process.env.BENCH_REDIS_URL;

/** An SMTP server that counts what it accepts and the connections it was given. */
async function startSink() {
  const sink = { accepted: 0, connections: 0, bytes: 0, server: undefined, port: 0 };
  sink.server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onConnect: (_session, callback) => {
      sink.connections++;
      callback();
    },
    onData: (stream, _session, callback) => {
      stream.on('data', (chunk) => (sink.bytes += chunk.length));
      stream.on('end', () => {
        sink.accepted++;
        callback();
      });
    },
  });
  await new Promise((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
  sink.port = sink.server.server.address().port;
  return sink;
}

/** A weekly digest's worth of content: about 5 KB of HTML and text together. */
function digest(i) {
  const partners = Array.from({ length: 15 }, (_, p) => ({
    name: `Partner organisation ${i}-${p}`,
    due: `2027-03-${String(1 + (p % 28)).padStart(2, '0')}`,
  }));
  const text = [
    'Your partners due for contact this week:',
    ...partners.map(
      (p) => `- ${p.name}: due ${p.due} (mark done: https://keepwarm.example.org/r/${i}-${p.name.length})`,
    ),
  ].join('\n');
  const rows = partners.map(
    (p) =>
      `<tr><td style="padding:4px 8px">${p.name}</td><td style="padding:4px 8px">${p.due}</td><td><a href="https://keepwarm.example.org/r/${i}">Done</a> · <a href="https://keepwarm.example.org/s/${i}">Snooze</a></td></tr>`,
  );
  const html = `<!doctype html><html><body style="font-family:sans-serif"><h1>Your week</h1><p>Partners due for contact:</p><table>${rows.join('')}</table><p style="color:#666">You get this digest because of your notification settings.</p></body></html>`;
  return {
    to: `coordinator-${i}@example.org`,
    subject: `Keepwarm: 15 partners due this week (#${i})`,
    text,
    html,
    headers: { 'List-Unsubscribe': `<https://keepwarm.example.org/u/${i}>` },
    dedupeKey: `bench-digest:${i}:${Date.now()}`,
  };
}

const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-bench-'));
await chmod(dataDir, 0o755);
const sink = await startSink();
const env = {
  DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  WORKER_CONCURRENCY: String(CONCURRENCY),
  DB_POOL_SIZE: String(CONCURRENCY + 10),
  QUEUE_PREFIX: `kwbench-${Date.now()}`,
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  ...(REDIS_URL ? { REDIS_URL } : {}),
};
const config = parseConfig(env);
const running = await startKeepwarm(config, createRootLogger(config.log));
const seconds = (from) => (performance.now() - from) / 1000;
try {
  const mail = running.app.get(MailService);
  const mails = Array.from({ length: EMAILS }, (_, i) => digest(i));
  const [{ id: centreId }] = await running.app
    .get(DataSource)
    .query('SELECT id FROM centre ORDER BY created_at LIMIT 1');
  let started = performance.now();
  let stagedAt = 0;
  // The digests' path: staged in one centre's transaction, their jobs queued once it commits.
  const staged = await running.app.get(CentreScope).transaction(RequestContext.system(centreId), async (tx) => {
    const rows = await mail.sendMany(tx, mails);
    stagedAt = performance.now();
    return rows;
  });
  console.log(
    `staged ${staged.length} emails (${(mails.reduce((n, m) => n + m.text.length + m.html.length, 0) / EMAILS / 1024).toFixed(1)} KB of text + HTML each) in ${((stagedAt - started) / 1000).toFixed(2)} s`,
  );

  const dispatched = seconds(stagedAt);
  started = stagedAt;
  while (sink.accepted < EMAILS) await new Promise((resolve) => setTimeout(resolve, 50));
  const total = seconds(started);
  const backend = REDIS_URL ? 'redis' : 'postgres';
  console.log(`queued ${EMAILS} send jobs in ${dispatched.toFixed(2)} s (${backend} queue backend)`);
  console.log(
    `delivered ${sink.accepted} emails (${(sink.bytes / 1024 / 1024).toFixed(1)} MB) in ${total.toFixed(2)} s: ${(EMAILS / total).toFixed(0)} emails/s, ` +
      `${sink.connections} SMTP connection(s), worker concurrency ${CONCURRENCY} (target: 10,000 in ≤ 60 s)`,
  );
} finally {
  await running.stop();
  await new Promise((resolve) => sink.server.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
}
