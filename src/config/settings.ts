/**
 * Every environment variable Keepwarm reads, with its default and meaning. The README's settings
 * table and docker-compose.yml are checked against this list by test/integration/docs.test.ts.
 */
export interface SettingDoc {
  name: string;
  default: string;
  description: string;
  /** Must be set explicitly in the production shape (docker compose). */
  requiredInProduction: boolean;
}

export const SETTINGS: SettingDoc[] = [
  { name: 'PORT', default: '3000', description: 'HTTP port (0 picks a free one)', requiredInProduction: false },
  {
    name: 'HOST',
    default: '127.0.0.1',
    description: 'Interface to listen on; 0.0.0.0 in a container',
    requiredInProduction: true,
  },
  {
    name: 'PUBLIC_URL',
    default: 'http://localhost:PORT',
    description: 'The address users reach Keepwarm at; used in email links; https makes cookies Secure',
    requiredInProduction: true,
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description:
      'Set when a reverse proxy sits in front: true, a hop count, or its addresses/subnets (e.g. loopback, 10.0.0.0/8). Rate limits then key on the X-Forwarded-For client address',
    requiredInProduction: false,
  },
  {
    name: 'ROLE',
    default: 'all',
    description:
      'all (HTTP + workers + schedulers), api (HTTP only) or worker (jobs; HTTP for health and metrics only)',
    requiredInProduction: true,
  },
  {
    name: 'DATA_DIR',
    default: './data',
    description: 'Where the embedded database, the generated APP_SECRET and .eml mail files live',
    requiredInProduction: false,
  },
  {
    name: 'DATABASE_URL',
    default: '(embedded PostgreSQL)',
    description: 'postgres:// URL of an external PostgreSQL; unset starts an embedded one under DATA_DIR',
    requiredInProduction: true,
  },
  {
    name: 'EMBEDDED_PG_PORT',
    default: '0 (a free port)',
    description: 'Port of the embedded PostgreSQL (loopback only)',
    requiredInProduction: false,
  },
  { name: 'DB_POOL_SIZE', default: '10', description: 'Database connections per process', requiredInProduction: false },
  {
    name: 'DB_CONNECT_TIMEOUT_MS',
    default: '5000',
    description:
      'Longest wait for a database connection (a free one from the pool, or a new one); past it the API answers 503 with Retry-After instead of hanging',
    requiredInProduction: false,
  },
  {
    name: 'DB_STATEMENT_TIMEOUT_MS',
    default: '30000',
    description: "PostgreSQL's statement_timeout for the app's connections (0 = none); migrations are not limited",
    requiredInProduction: false,
  },
  {
    name: 'REDIS_URL',
    default: '(PostgreSQL job queue)',
    description: 'redis:// URL: BullMQ on Redis instead of its PostgreSQL backend',
    requiredInProduction: false,
  },
  {
    name: 'QUEUE_PREFIX',
    default: 'keepwarm',
    description: 'Redis key prefix of the queues (Redis backend only)',
    requiredInProduction: false,
  },
  {
    name: 'WORKER_CONCURRENCY',
    default: '5',
    description: 'Jobs a worker process runs at once per queue',
    requiredInProduction: false,
  },
  {
    name: 'SMTP_URL',
    default: '(write .eml files)',
    description:
      'smtp:// or smtps:// URL of the mail server (pooled connections); unset writes each email to DATA_DIR/outbox',
    requiredInProduction: true,
  },
  {
    name: 'MAIL_UNCERTAIN_DELIVERY',
    default: 'resend',
    description:
      'An email handed to the mail server whose answer never came (a crash): resend (again, same Message-ID; it may arrive twice) or hold (for an admin to retry)',
    requiredInProduction: false,
  },
  {
    name: 'MAIL_FROM',
    default: 'Keepwarm <keepwarm@localhost>',
    description: 'Sender of every email',
    requiredInProduction: true,
  },
  {
    name: 'APP_SECRET',
    default: '(generated into DATA_DIR/app-secret)',
    description:
      'At least 32 characters; signs sessions and emailed links. Give every process of one installation the same value',
    requiredInProduction: true,
  },
  {
    name: 'ADMIN_EMAIL',
    default: 'admin@localhost',
    description: 'Email of the first admin, created on first run',
    requiredInProduction: true,
  },
  {
    name: 'ADMIN_PASSWORD',
    default: '(random, printed once)',
    description: 'Password of the first admin (at least 12 characters)',
    requiredInProduction: false,
  },
  {
    name: 'CENTRE_NAME',
    default: 'My Safer Internet Centre',
    description: 'Name of the first centre, created on first run',
    requiredInProduction: false,
  },
  {
    name: 'CENTRE_COUNTRY',
    default: 'BE',
    description: 'ISO 3166-1 alpha-2 country of the first centre',
    requiredInProduction: false,
  },
  {
    name: 'CENTRE_TIMEZONE',
    default: 'Europe/Brussels',
    description: 'IANA time zone of the first centre',
    requiredInProduction: false,
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    description: 'fatal, error, warn, info, debug, trace or silent',
    requiredInProduction: false,
  },
  {
    name: 'LOG_FORMAT',
    default: 'auto',
    description: 'json, pretty, or auto (pretty on a terminal, JSON otherwise)',
    requiredInProduction: false,
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    default: '8000',
    description: 'How long SIGTERM waits for jobs in flight before leaving them to be retried',
    requiredInProduction: false,
  },
  {
    name: 'IMPORT_MAX_BYTES',
    default: '10485760 (10 MB)',
    description: 'Largest CSV file the partner import accepts, in bytes (1024 to 1 GiB); a larger one gets 413',
    requiredInProduction: false,
  },
];
