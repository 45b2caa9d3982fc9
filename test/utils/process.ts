import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { waitFor } from './wait.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface KeepwarmProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** The URL from the "Keepwarm ready at …" log line. */
  ready(timeoutMs?: number): Promise<string>;
  /** Parsed JSON log lines written so far. */
  logLines(): Record<string, unknown>[];
  /** The last `count` lines the process wrote (stderr first): what a failing test shows of it. */
  lastWords(count?: number): string;
  /** Settles as `wait` does, but fails at once, with the process's last words, if the process ends first. */
  whileAlive<T>(wait: Promise<T>): Promise<T>;
}

/**
 * Runs the built app (`node dist/<script>`) as a separate process with only the given settings. `detached` gives
 * it a process group of its own (with its embedded PostgreSQL), to kill as a whole with `killGroup`.
 */
export function spawnKeepwarm(
  env: Record<string, string>,
  script = 'main.js',
  args: string[] = [],
  options: { detached?: boolean } = {},
): KeepwarmProcess {
  const child = spawn(process.execPath, [resolve(ROOT, 'dist', script), ...args], {
    cwd: ROOT,
    detached: options.detached ?? false,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const logs: Record<string, unknown>[] = [];
  collectLines(child.stdout!, (line) => {
    stdout.push(line);
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a log line
    }
  });
  collectLines(child.stderr!, (line) => stderr.push(line));
  const exited = new Promise<number | string>((resolveExit) =>
    child.on('close', (code, signal) => resolveExit(code ?? signal ?? -1)),
  );

  const lastWords = (count = 20) => [...stderr, ...stdout].slice(-count).join('\n');
  /** `wait`, unless the process ends first: then a failure at once, with its last words. */
  const unlessExited = <T>(wait: Promise<T>, during: string, words = 20) =>
    Promise.race([
      wait,
      exited.then((code): never => {
        throw new Error(`exited with ${code} ${during}: ${lastWords(words)}`);
      }),
    ]);
  const whileAlive = <T>(wait: Promise<T>) => unlessExited(wait, 'while the test waited on it');
  const ready = (timeoutMs = 60_000) =>
    unlessExited(
      waitFor(
        'the "Keepwarm ready" log line',
        () =>
          logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('Keepwarm ') && typeof l.url === 'string')
            ?.url as string | undefined,
        timeoutMs,
        50,
      ),
      'before it was ready',
      5,
    );

  return { child, stdout, stderr, exited, logLines: () => logs, ready, lastWords, whileAlive };
}

/** Signals the process group of a process spawned `detached` (the app and its embedded PostgreSQL). */
export function killGroup(proc: KeepwarmProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-proc.child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Calls `onLine` once per complete line, however the stream splits its chunks. */
function collectLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop()!;
    for (const part of parts) if (part) onLine(part);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

/** Runs a CLI command to completion. */
export async function runCli(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const proc = spawnKeepwarm(env, 'cli.js', args);
  const code = await proc.exited;
  return { code, stdout: proc.stdout.join('\n'), stderr: proc.stderr.join('\n') };
}

/** The status of a GET (0 when nothing answers), its body read: an unread body would hold fetch's socket open. */
export async function getStatus(url: string): Promise<number> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
