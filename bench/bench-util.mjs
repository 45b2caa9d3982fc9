// Helpers shared by the benchmark suite's modules (bench/run.mjs): processes, load, percentiles, memory.
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile of sorted numbers. */
export const percentile = (sorted, p) =>
  sorted.length === 0
    ? undefined
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** The median of numbers (the middle one of three runs). */
export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value, digits = 1) =>
  typeof value === 'number' && Number.isFinite(value) ? Number(value.toFixed(digits)) : value;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port free right now on the loopback. */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Children still running: killed if the benchmark itself exits early (an error, Ctrl-C). */
const children = new Set();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/**
 * Starts `node <script>` with `env` (added to PATH and HOME only: the bench decides every setting) and keeps its
 * output's tail for error messages. `stop()` sends SIGTERM and waits for the exit.
 */
export function startNode(script, env, { onStdout } = {}) {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', (chunk) => {
    keep(chunk);
    onStdout?.(chunk.toString());
  });
  child.stderr.on('data', keep);
  children.add(child);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    pid: child.pid,
    exited,
    output: () => tail,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `url` until it answers 200; throws with the process's output if it exits or `timeoutMs` passes. */
export async function waitForOk(url, processHandle, timeoutMs = 120_000) {
  const started = performance.now();
  let exited = false;
  processHandle.exited.then(() => (exited = true));
  while (performance.now() - started < timeoutMs) {
    if (exited) throw new Error(`The process exited before ${url} answered:\n${processHandle.output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return (performance.now() - started) / 1000;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s:\n${processHandle.output()}`);
}

/** Resident memory of a process in MB, from /proc (Linux). */
export async function rssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
}

/** Clock ticks a second, the unit of /proc's CPU times. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU seconds (user and system, every thread) used so far by each process given by `pid`, or by each process
 * named `name` on this machine, from /proc (Linux): a Map by pid. A process gone meanwhile is left out.
 */
export async function cpuTimes({ pid, pids, name }) {
  const ids = pid ? [pid] : (pids ?? (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)));
  const times = new Map();
  for (const id of ids) {
    const stat = await readFile(`/proc/${id}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    // "pid (comm) state ppid …": the command may hold spaces, so fields are counted after its closing parenthesis.
    if (name && stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    times.set(String(id), (Number(fields[11]) + Number(fields[12])) / TICKS);
  }
  return times;
}

/** The CPU seconds used between two cpuTimes() (a process that ended meanwhile is not counted). */
export function cpuUsed(before, after) {
  let seconds = 0;
  for (const [id, time] of after) seconds += time - (before.get(id) ?? 0);
  return seconds;
}

/** Samples a process's RSS every `everyMs` until `stop()`, which answers the peak in MB. */
export function sampleRss(pid, everyMs = 200) {
  let peak = 0;
  const timer = setInterval(() => {
    rssMb(pid)
      .then((mb) => (peak = Math.max(peak, mb)))
      .catch(() => {});
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      peak = Math.max(peak, await rssMb(pid).catch(() => 0));
      return peak;
    },
  };
}

/**
 * Load on `url` from `connections` keep-alive connections, for `seconds` or `amount` requests: saturated
 * (autocannon: each connection sends its next request as soon as the last one is answered), or at `rate` requests/s
 * overall (pacedLoad). `next()` answers each request's {method, path, headers, body}, so requests rotate over users
 * and partners. Percentiles are worked out here from every response time (autocannon's histogram has no p95).
 * Answers req/s, p50/p95/p99/max in ms, the count of errors (timeouts, resets) and of non-2xx answers.
 */
export function load(url, { connections, seconds, amount, rate, next }) {
  if (rate) return pacedLoad(url, { connections, seconds, rate, next });
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = {};
    let firstBad;
    const instance = autocannon(
      {
        url,
        connections,
        ...(amount ? { amount } : { duration: seconds }),
        timeout: 30,
        requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve(
          loadSummary({
            times,
            statuses,
            seconds: (result.duration ?? seconds) || 1,
            errors: result.errors + result.timeouts,
            firstBad,
          }),
        );
      },
    );
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 300 && !firstBad) firstBad = statusCode;
    });
  });
}

/**
 * A steady `rate` of requests/s for `seconds`: request i leaves at start + i/rate whatever happened to the ones
 * before (an open loop, as users arrive), over at most `connections` keep-alive sockets (node:http's Agent queues
 * the rest). Each request's time runs from the moment it was due, so a request held back by a busy server or a
 * full pool counts its wait (no coordinated omission).
 *
 * Not autocannon's `overallRate`: autocannon resets each connection's quota once a second, so its connections send
 * their quota back to back at the start of each second and then wait; at 300 req/s against a server that does 800,
 * every request met a saturated server, and the "latency at 300 req/s" was the saturated latency.
 */
export function pacedLoad(url, { connections, seconds, rate, next }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const total = Math.round(rate * seconds);
  const times = [];
  const statuses = {};
  let errors = 0;
  let firstBad;
  const send = (due) =>
    new Promise((resolve) => {
      const { method = 'GET', path = '/', headers = {}, body } = next();
      const request = http.request(
        { agent, host: target.hostname, port: target.port, method, path, headers, timeout: 30_000 },
        (response) => {
          response.resume();
          response.on('end', () => {
            times.push(performance.now() - due);
            statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
            if (response.statusCode >= 300 && !firstBad) firstBad = response.statusCode;
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(body);
    });
  return new Promise((resolve) => {
    const started = performance.now();
    const inFlight = [];
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      // Every request due by now leaves now (a late timer sends the ones it owes at once).
      while (sent < total && started + (sent * 1000) / rate <= now) {
        inFlight.push(send(started + (sent * 1000) / rate));
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + (sent * 1000) / rate - performance.now()));
      else
        Promise.all(inFlight).then(() => {
          agent.destroy();
          resolve(loadSummary({ times, statuses, seconds: (performance.now() - started) / 1000, errors, firstBad }));
        });
    };
    tick();
  });
}

/** A load's figures from every response time (ms) and status: req/s, percentiles, errors and non-2xx answers. */
function loadSummary({ times, statuses, seconds, errors, firstBad }) {
  times.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses)
    .filter(([status]) => !status.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    requests: times.length,
    reqPerSec: round(times.length / seconds, 1),
    p50: round(percentile(times, 50), 2),
    p95: round(percentile(times, 95), 2),
    p99: round(percentile(times, 99), 2),
    max: round(times.at(-1), 2),
    errors,
    non2xx,
    ...(firstBad ? { firstBad } : {}),
  };
}

/** A rotating picker over `items`. */
export function rotate(items) {
  let i = 0;
  return () => items[i++ % items.length];
}
