import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
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
}

/** Runs the built app (`node dist/<script>`) as a separate process with only the given settings. */
export function spawnKeepwarm(env: Record<string, string>, script = 'main.js', args: string[] = []): KeepwarmProcess {
  const child = spawn(process.execPath, [resolve(ROOT, 'dist', script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(...chunk.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | string>((resolveExit) => child.on('exit', (code, signal) => resolveExit(code ?? signal ?? -1)));
  const logLines = () =>
    stdout.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return {
    child,
    stdout,
    stderr,
    exited,
    logLines,
    ready: (timeoutMs = 60_000) =>
      waitFor(
        'the "Keepwarm ready" log line',
        () => {
          if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${[...stderr, ...stdout].slice(-5).join('\n')}`);
          const line = logLines().find((l) => typeof l.msg === 'string' && l.msg.startsWith('Keepwarm ') && typeof l.url === 'string');
          return line ? (line.url as string) : undefined;
        },
        timeoutMs,
        50,
      ),
  };
}

/** Runs a CLI command to completion. */
export async function runCli(env: Record<string, string>, args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const proc = spawnKeepwarm(env, 'cli.js', args);
  const code = await proc.exited;
  return { code, stdout: proc.stdout.join('\n'), stderr: proc.stderr.join('\n') };
}

export async function getStatus(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}
