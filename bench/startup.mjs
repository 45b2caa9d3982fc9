// Start-up figures of `npm run bench` (bench/run.mjs): the built app (`node dist/main.js`) started on an empty
// DATA_DIR (the embedded PostgreSQL initialised, the migrations run, the first centre and admin created) until
// /health/ready answers 200, stopped with SIGTERM, then started again on the same directory (a restart). The
// build is timed separately by run.mjs.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, round, startNode, waitForOk } from './bench-util.mjs';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Seconds from spawning the app on `dataDir` to /health/ready, and from SIGTERM to its exit (which must be 0). */
async function startOnce(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const app = startNode(MAIN, { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', LOG_FORMAT: 'json' });
  let ready;
  try {
    await waitForOk(`http://127.0.0.1:${port}/health/ready`, app, 120_000);
    ready = (performance.now() - started) / 1000;
  } catch (error) {
    await app.stop();
    throw error;
  }
  const stopping = performance.now();
  const { code } = await app.stop();
  if (code !== 0) throw new Error(`The app exited with ${code} after SIGTERM:\n${app.output()}`);
  return { ready, stop: (performance.now() - stopping) / 1000 };
}

/** First start and restart, in seconds from spawning the process to /health/ready. */
export async function runStartup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-bench-start-'));
  await chmod(dataDir, 0o755);
  try {
    const first = await startOnce(dataDir);
    const again = await startOnce(dataDir);
    return {
      firstStartSeconds: round(first.ready, 2),
      restartSeconds: round(again.ready, 2),
      stopSeconds: round(Math.max(first.stop, again.stop), 2),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
