import { isAbsolute, resolve } from 'node:path';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a worker does with an email handed over to the mail server whose answer never came (README, "Mail delivery"). */
export const UNCERTAIN_DELIVERY_RULES = ['resend', 'hold'] as const;
export type UncertainDeliveryRule = (typeof UNCERTAIN_DELIVERY_RULES)[number];

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Express's "trust proxy": false, true, a hop count, or addresses / subnets / loopback, linklocal, uniquelocal. */
export type TrustProxy = boolean | number | string[];

/** The validated, typed settings of one Keepwarm process. Built once at boot by `parseConfig`. */
export interface AppConfig {
  role: Role;
  http: { host: string; port: number; publicUrl: string; secureCookies: boolean; trustProxy: TrustProxy };
  dataDir: string;
  database: {
    /** External server; undefined means "start the embedded PostgreSQL under dataDir". */
    url?: string;
    embeddedPort: number;
    poolSize: number;
    /** Longest wait for a pooled connection (or a new one) before a request gets 503. */
    connectTimeoutMs: number;
    /** PostgreSQL's statement_timeout for the app's connections; 0 = none. */
    statementTimeoutMs: number;
  };
  queue: { redisUrl?: string; prefix: string; workerConcurrency: number };
  mail: { smtpUrl?: string; from: string; outboxDir: string; uncertainDelivery: UncertainDeliveryRule };
  /** Undefined until resolved from APP_SECRET or DATA_DIR/app-secret (see app-secret.ts). */
  appSecret?: string;
  admin: { email?: string; password?: string };
  firstCentre: { name: string; country: string; timezone: string };
  log: { level: LogLevel; format: LogFormat };
  shutdownTimeoutMs: number;
  /** The largest CSV file the partner import accepts, in bytes. */
  importMaxBytes: number;
}

/** One bad setting: the variable and what is wrong with it, in words an operator can act on. */
export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map((i) => `${i.variable} ${i.message}`).join('; '));
    this.name = 'ConfigError';
  }

  /** One line per bad variable, for stderr before any logger exists. */
  lines(): string[] {
    return this.issues.map((i) => `Invalid configuration: ${i.variable} ${i.message}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads the settings Keepwarm knows from `env`, collecting every problem before failing. */
export function parseConfig(env: Env, cwd: string = process.cwd()): AppConfig {
  const issues: ConfigIssue[] = [];
  const read = new EnvReader(env, issues);

  const port = read.integer('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const publicUrl = read.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const dataDirRaw = read.string('DATA_DIR', './data');
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);

  const config: AppConfig = {
    role: read.oneOf('ROLE', ROLES, 'all'),
    http: {
      host,
      port,
      publicUrl: publicUrl.replace(/\/+$/, ''),
      secureCookies: new URL(publicUrl).protocol === 'https:',
      trustProxy: read.trustProxy('TRUST_PROXY'),
    },
    dataDir,
    database: {
      url: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
      embeddedPort: read.integer('EMBEDDED_PG_PORT', 0, 0, 65535),
      poolSize: read.integer('DB_POOL_SIZE', 10, 1, 200),
      connectTimeoutMs: read.integer('DB_CONNECT_TIMEOUT_MS', 5000, 100, 600000),
      statementTimeoutMs: read.integer('DB_STATEMENT_TIMEOUT_MS', 30000, 0, 3600000),
    },
    queue: {
      redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
      prefix: read.matching(
        'QUEUE_PREFIX',
        /^[a-z][a-z0-9_-]{0,39}$/,
        'keepwarm',
        'must be 1-40 lower-case letters, digits, - or _',
      ),
      workerConcurrency: read.integer('WORKER_CONCURRENCY', 5, 1, 100),
    },
    mail: {
      smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
      from: read.matching(
        'MAIL_FROM',
        /^(.+<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/,
        'Keepwarm <keepwarm@localhost>',
        'must be an address like "Keepwarm <reminders@example.org>"',
      ),
      outboxDir: resolve(dataDir, 'outbox'),
      uncertainDelivery: read.oneOf('MAIL_UNCERTAIN_DELIVERY', UNCERTAIN_DELIVERY_RULES, 'resend'),
    },
    appSecret: read.optional('APP_SECRET', (v) => (v.length >= 32 ? undefined : 'must be at least 32 characters long')),
    admin: {
      email: read.optional('ADMIN_EMAIL', (v) =>
        /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? undefined : 'must be an email address',
      ),
      password: read.optional('ADMIN_PASSWORD', (v) =>
        v.length >= 12 ? undefined : 'must be at least 12 characters long',
      ),
    },
    firstCentre: {
      name: read.string('CENTRE_NAME', 'My Safer Internet Centre'),
      country: read
        .matching('CENTRE_COUNTRY', /^[A-Za-z]{2}$/, 'BE', 'must be a two-letter ISO 3166-1 country code such as BE')
        .toUpperCase(),
      timezone: read.timezone('CENTRE_TIMEZONE', 'Europe/Brussels'),
    },
    log: {
      level: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
      format: read.oneOf('LOG_FORMAT', LOG_FORMATS, 'auto'),
    },
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 8000, 1000, 600000),
    importMaxBytes: read.integer('IMPORT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  };

  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/** Never show a password that sits in a URL. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):.*@/i, '$1:***@');
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly issues: ConfigIssue[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  private fail(variable: string, message: string, got?: string): void {
    this.issues.push({ variable, message: got === undefined ? message : `${message} (got "${redactUrl(got)}")` });
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optional(name: string, check: (value: string) => string | undefined): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const problem = check(value);
    if (problem) this.fail(name, problem);
    return problem ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.fail(name, `must be a whole number from ${min} to ${max}`, value);
      return fallback;
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(name, `must be one of ${allowed.join(', ')}`, value);
      return fallback;
    }
    return value as T;
  }

  matching(name: string, pattern: RegExp, fallback: string, message: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!pattern.test(value)) {
      this.fail(name, message, value);
      return fallback;
    }
    return value;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      !protocols.includes(parsed.protocol) ||
      (!parsed.hostname && !parsed.protocol.startsWith('postgres'))
    ) {
      const schemes = protocols.map((p) => `${p}//`).join(' or ');
      this.fail(name, `must be a ${schemes} URL`, value);
      return undefined;
    }
    return value;
  }

  trustProxy(name: string): TrustProxy {
    const value = this.raw(name);
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) {
      if (Number(value) <= 10) return Number(value);
      this.fail(name, 'as a number of proxy hops must be from 0 to 10', value);
      return false;
    }
    const entries = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const ok =
      entries.length > 0 &&
      entries.every(
        (v) => ['loopback', 'linklocal', 'uniquelocal'].includes(v) || /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v),
      );
    if (!ok) {
      this.fail(
        name,
        'must be false, true, a number of proxy hops (0-10), or a comma-separated list of proxy addresses or subnets (loopback, uniquelocal, 10.0.0.0/8…)',
        value,
      );
      return false;
    }
    return entries;
  }

  timezone(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value;
    } catch {
      this.fail(name, 'must be an IANA time zone such as Europe/Brussels', value);
      return fallback;
    }
  }
}
