import { afterAll, beforeAll } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dropTestDatabase } from './database.js';
import type { KeepwarmProcess } from './process.js';
import type { SmtpPeer } from './smtp-peer.js';

/** What a describe block that runs Keepwarm as child processes works in; the fields are set in its beforeAll. */
export interface ProcessSandbox {
  databaseUrl: string;
  dataDir: string;
  /** Push every process started, so afterAll kills the ones still running. */
  processes: KeepwarmProcess[];
}

/**
 * Registers the beforeAll and afterAll of a describe block whose Keepwarm processes talk to `peer`: a fresh
 * database and a DATA_DIR the embedded PostgreSQL user can reach; afterwards, processes still running are
 * killed, then the peer, the database and the folder go.
 */
export function processSandbox(peer: SmtpPeer, prefix = 'keepwarm-e2e-'): ProcessSandbox {
  const sandbox: ProcessSandbox = { databaseUrl: '', dataDir: '', processes: [] };
  beforeAll(async () => {
    await peer.start();
    sandbox.databaseUrl = await createTestDatabase();
    sandbox.dataDir = await mkdtemp(join(tmpdir(), prefix));
    await chmod(sandbox.dataDir, 0o755);
  });
  afterAll(async () => {
    for (const proc of sandbox.processes)
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    await Promise.all(sandbox.processes.map((p) => p.exited));
    await peer.stop();
    await dropTestDatabase(sandbox.databaseUrl);
    await rm(sandbox.dataDir, { recursive: true, force: true });
  });
  return sandbox;
}
