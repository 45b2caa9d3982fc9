import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/app-config.js';
import { SETTINGS } from '../../src/config/settings.js';

/**
 * Keeps the production shape (docker-compose.yml, Dockerfile) and README.md honest against
 * src/config/settings.ts and the app's own validation. Docker is not run here: the files are read.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

const SETTING_NAMES = SETTINGS.map((s) => s.name);
const REQUIRED_IN_PRODUCTION = SETTINGS.filter((s) => s.requiredInProduction).map((s) => s.name);
const APP_SERVICES = ['api', 'worker'] as const;
const ALL_SERVICES = ['api', 'worker', 'postgres', 'redis', 'mailcatcher'];

/** Values for `${VAR:?...}` / `${VAR}` interpolations, which have no default in the compose file. */
const OPERATOR_PROVIDED: Record<string, string> = { APP_SECRET: 'x'.repeat(40) };

type Env = Record<string, string>;
interface Service {
  build?: unknown;
  image?: string;
  environment?: Env | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: unknown[];
  stop_grace_period?: string;
  restart?: string;
}
interface Compose {
  services: Record<string, Service>;
}

// `merge: true`: the compose file shares settings through YAML anchors and `<<` merge keys, as Docker does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;

/** A service's environment as an object, whichever of the two compose forms it uses. */
function environmentOf(service: Service): Env {
  const env = service.environment ?? {};
  if (!Array.isArray(env))
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
  return Object.fromEntries(
    env.map((entry) => {
      const eq = entry.indexOf('=');
      return eq === -1 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
    }),
  );
}

/** Docker compose interpolation, with every variable unset: defaults apply, required ones come from OPERATOR_PROVIDED. */
function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      if (op === ':-' || op === '-') return arg ?? '';
      if (name in OPERATOR_PROVIDED) return OPERATOR_PROVIDED[name];
      throw new Error(
        `docker-compose.yml needs \${${name}} from the operator; give it a default or add it to OPERATOR_PROVIDED in this test`,
      );
    },
  );
}

function resolvedEnvironmentOf(service: Service): Env {
  return Object.fromEntries(Object.entries(environmentOf(service)).map(([k, v]) => [k, interpolate(v)]));
}

function dependenciesOf(service: Service): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? deps : Object.keys(deps);
}

function durationMs(value: string): number {
  const match = /^(\d+)(ms|s|m)$/.exec(value);
  if (!match) throw new Error(`unexpected duration "${value}"`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

describe('docker-compose.yml', () => {
  it('has the five services, each with a healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...ALL_SERVICES].sort());
    for (const name of ALL_SERVICES) {
      const check = compose.services[name].healthcheck;
      expect({ name, test: check?.test, disabled: check?.disable ?? false }).toEqual({
        name,
        test: expect.anything(),
        disabled: false,
      });
    }
  });

  it('builds api and worker from the one Dockerfile as the same image', () => {
    const { api, worker } = compose.services;
    expect(api.build).toBeDefined();
    expect(worker.build).toEqual(api.build);
    expect(worker.image).toEqual(api.image);
    const context = typeof api.build === 'string' ? api.build : ((api.build as { context?: string }).context ?? '.');
    expect(existsSync(resolve(ROOT, context, 'Dockerfile'))).toBe(true);
  });

  it.each(APP_SERVICES)('%s sets every setting required in production', (name) => {
    const env = environmentOf(compose.services[name]);
    const missing = REQUIRED_IN_PRODUCTION.filter((setting) => !(setting in env) || env[setting].trim() === '');
    expect(missing).toEqual([]);
  });

  it.each(APP_SERVICES)('%s sets only variables Keepwarm knows (no typos)', (name) => {
    const unknown = Object.keys(environmentOf(compose.services[name])).filter((v) => !SETTING_NAMES.includes(v));
    expect(unknown).toEqual([]);
  });

  it('gives api and worker the same settings apart from ROLE', () => {
    const { ROLE: apiRole, ...api } = environmentOf(compose.services.api);
    const { ROLE: workerRole, ...worker } = environmentOf(compose.services.worker);
    expect([apiRole, workerRole]).toEqual(['api', 'worker']);
    expect(worker).toEqual(api);
  });

  it.each(APP_SERVICES)("%s's settings, with compose defaults filled in, pass the app's own validation", (name) => {
    const env = resolvedEnvironmentOf(compose.services[name]);
    const config = parseConfig(env); // throws ConfigError naming every bad variable
    expect(config.role).toBe(name);
    expect(config.http.host).toBe('0.0.0.0');
    expect(config.database.url).toMatch(/^postgres:\/\//);
    expect(config.queue.redisUrl).toMatch(/^redis:\/\//);
    expect(config.mail.smtpUrl).toMatch(/^smtps?:\/\//);
    expect(config.appSecret).toBe(OPERATOR_PROVIDED.APP_SECRET);
    expect(config.admin.email).toBeDefined();
  });

  it('makes the operator provide APP_SECRET (no secret in the file)', () => {
    for (const name of APP_SERVICES) {
      expect(environmentOf(compose.services[name]).APP_SECRET).toMatch(/^\$\{APP_SECRET:\?[^}]+\}$/);
    }
  });

  it('points the URLs at the compose services, with the credentials postgres is created with', () => {
    const env = resolvedEnvironmentOf(compose.services.api);
    const pg = resolvedEnvironmentOf(compose.services.postgres);
    const db = new URL(env.DATABASE_URL);
    expect(db.hostname).toBe('postgres');
    expect(decodeURIComponent(db.username)).toBe(pg.POSTGRES_USER);
    expect(decodeURIComponent(db.password)).toBe(pg.POSTGRES_PASSWORD);
    expect(db.pathname).toBe(`/${pg.POSTGRES_DB}`);
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    expect(new URL(env.SMTP_URL).hostname).toBe('mailcatcher');
    expect(new URL(env.SMTP_URL).port).toBe('1025');
  });

  it('starts api and worker after healthy dependencies that exist', () => {
    for (const name of APP_SERVICES) {
      const service = compose.services[name];
      const deps = dependenciesOf(service);
      expect(deps.sort()).toEqual(['mailcatcher', 'postgres', 'redis']);
      const conditions = Object.values(service.depends_on as Record<string, { condition?: string }>).map(
        (d) => d.condition,
      );
      expect(conditions).toEqual(deps.map(() => 'service_healthy'));
    }
    const dangling = Object.entries(compose.services).flatMap(([name, service]) =>
      dependenciesOf(service)
        .filter((dep) => !(dep in compose.services))
        .map((dep) => `${name} -> ${dep}`),
    );
    expect(dangling).toEqual([]);
  });

  it('checks api and worker readiness through /health/ready, restarts them, and stops them gracefully', () => {
    for (const name of APP_SERVICES) {
      const service = compose.services[name];
      expect([service.healthcheck?.test].flat().join(' ')).toContain('/health/ready');
      expect(service.restart).toBe('unless-stopped');
      // Docker must wait longer than the app waits for jobs in flight, or it SIGKILLs them.
      const shutdownTimeoutMs = parseConfig(resolvedEnvironmentOf(service)).shutdownTimeoutMs;
      expect(durationMs(service.stop_grace_period ?? '10s')).toBeGreaterThan(shutdownTimeoutMs);
    }
  });

  it('publishes the api on 3000 and not the worker', () => {
    expect(compose.services.api.ports?.map(String)).toContain('3000:3000');
    expect(compose.services.worker.ports).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds in one stage and runs production dependencies and dist/ as the node user', () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toContain('CMD ["node", "dist/main.js"]');
    // The script the image runs is the one `npm run start:prod` runs.
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start:prod']).toBe('node dist/main.js');
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.git', 'coverage', '.env']));
  });
});

describe('README.md', () => {
  const readme = read('README.md');
  const tableRows = readme.split('\n').filter((line) => /^\| `[A-Z][A-Z0-9_]*` \|/.test(line));

  it('has a settings table with a row for every setting and no others', () => {
    expect(readme).toContain('| Variable | Default | Meaning |');
    const named = tableRows.map((line) => /^\| `([A-Z0-9_]+)`/.exec(line)![1]);
    expect(named).toEqual(SETTING_NAMES);
  });

  it.each(SETTINGS.map((s) => [s.name, s.default]))('shows the default of %s', (name, fallback) => {
    const row = tableRows.find((line) => line.startsWith(`| \`${name}\` |`))!;
    const defaultCell = row.split(' | ')[1].replace(/`/g, '');
    expect(defaultCell).toBe(fallback);
  });

  it('gives the run and test commands literally', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toContain('docker compose up -d --build');
  });
});
