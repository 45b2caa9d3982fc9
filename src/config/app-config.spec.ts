import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError, parseConfig, redactUrl } from './app-config.js';

const CWD = '/srv/keepwarm';

/** Runs parseConfig and returns the ConfigError it throws, failing the test if it does not throw one. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  describe('with an empty environment', () => {
    const config = parseConfig({}, CWD);

    it('runs every role on 127.0.0.1:3000', () => {
      expect(config.role).toBe('all');
      expect(config.http.port).toBe(3000);
      expect(config.http.host).toBe('127.0.0.1');
    });

    it('uses http://localhost:3000 as the public URL, without secure cookies', () => {
      expect(config.http.publicUrl).toBe('http://localhost:3000');
      expect(config.http.secureCookies).toBe(false);
    });

    it('keeps data in ./data under the working directory', () => {
      expect(config.dataDir).toBe(resolve(CWD, 'data'));
      expect(config.mail.outboxDir).toBe(resolve(CWD, 'data', 'outbox'));
    });

    it('sends an email again when its delivery outcome is unknown', () => {
      expect(config.mail.uncertainDelivery).toBe('resend');
    });

    it('starts the embedded database and the Postgres-backed queue', () => {
      expect(config.database.url).toBeUndefined();
      expect(config.queue.redisUrl).toBeUndefined();
      expect(config.queue.prefix).toBe('keepwarm');
    });

    it('leaves the secret and the admin unset', () => {
      expect(config.appSecret).toBeUndefined();
      expect(config.admin).toEqual({ email: undefined, password: undefined });
    });

    it('creates a Belgian first centre and logs at info', () => {
      expect(config.firstCentre).toEqual({
        name: 'My Safer Internet Centre',
        country: 'BE',
        timezone: 'Europe/Brussels',
      });
      expect(config.log).toEqual({ level: 'info', format: 'auto' });
    });
  });

  it('derives the default public URL from PORT', () => {
    expect(parseConfig({ PORT: '8080' }, CWD).http.publicUrl).toBe('http://localhost:8080');
  });

  it.each([
    ['https://keepwarm.example.org/', 'https://keepwarm.example.org', true],
    ['https://keepwarm.example.org//', 'https://keepwarm.example.org', true],
    ['https://example.org/keepwarm/', 'https://example.org/keepwarm', true],
    ['http://keepwarm.internal:8080/', 'http://keepwarm.internal:8080', false],
  ])('PUBLIC_URL=%s gives public URL %s, secure cookies %s', (value, publicUrl, secureCookies) => {
    const config = parseConfig({ PUBLIC_URL: value }, CWD);
    expect(config.http.publicUrl).toBe(publicUrl);
    expect(config.http.secureCookies).toBe(secureCookies);
  });

  it.each([
    ['relative', 'var/kw', resolve(CWD, 'var/kw')],
    ['parent-relative', '../kw-data', resolve(CWD, '../kw-data')],
    ['absolute', '/var/lib/keepwarm', '/var/lib/keepwarm'],
  ])('resolves a %s DATA_DIR against the working directory', (_kind, value, expected) => {
    const config = parseConfig({ DATA_DIR: value }, CWD);
    expect(config.dataDir).toBe(expected);
    expect(config.mail.outboxDir).toBe(resolve(expected, 'outbox'));
  });

  describe('refuses a bad value with one line naming the variable', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['ROLE', 'xyz'],
      ['ROLE', 'API'],
      ['DATABASE_URL', 'nonsense'],
      ['DATABASE_URL', 'mysql://x'],
      ['REDIS_URL', 'http://x'],
      ['REDIS_URL', 'redis://'],
      ['SMTP_URL', 'foo'],
      ['PUBLIC_URL', 'ftp://example.org'],
      ['LOG_LEVEL', 'loud'],
      ['LOG_FORMAT', 'xml'],
      ['CENTRE_COUNTRY', 'Belgium'],
      ['CENTRE_TIMEZONE', 'Mars/Olympus'],
      ['APP_SECRET', 'short'],
      ['ADMIN_EMAIL', 'nope'],
      ['ADMIN_PASSWORD', 'short'],
      ['QUEUE_PREFIX', 'Has Spaces'],
      ['MAIL_FROM', 'bad'],
      ['MAIL_UNCERTAIN_DELIVERY', 'drop'],
      ['DB_POOL_SIZE', '0'],
      ['WORKER_CONCURRENCY', '1000'],
      ['SHUTDOWN_TIMEOUT_MS', '10'],
      ['TRUST_PROXY', 'yes please'],
      ['TRUST_PROXY', '99'],
    ])('%s=%s', (variable, value) => {
      const error = configError({ [variable]: value });
      expect(error.issues.map((i) => i.variable)).toEqual([variable]);
      const lines = error.lines();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} \\S`));
    });
  });

  it('reports every bad variable at once, one line each', () => {
    const error = configError({
      PORT: 'abc',
      ROLE: 'xyz',
      LOG_LEVEL: 'loud',
      MAIL_FROM: 'bad',
      CENTRE_TIMEZONE: 'Mars/Olympus',
    });
    const lines = error.lines();
    expect(lines).toHaveLength(5);
    for (const variable of ['PORT', 'ROLE', 'LOG_LEVEL', 'MAIL_FROM', 'CENTRE_TIMEZONE']) {
      expect(lines.filter((line) => line.startsWith(`Invalid configuration: ${variable} `))).toHaveLength(1);
    }
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('CENTRE_TIMEZONE');
  });

  it('shows the rejected value so the operator can spot the typo', () => {
    expect(configError({ PORT: 'abc' }).lines()[0]).toContain('"abc"');
    expect(configError({ LOG_LEVEL: 'loud' }).lines()[0]).toContain('"loud"');
  });

  it.each([
    ['DATABASE_URL', 'mysql://keepwarm:Sup3rS3cret@db.example.org:3306/keepwarm'],
    ['DATABASE_URL', 'postgres://keepwarm:Sup3rS3cret@db.example.org:99999/keepwarm'],
    ['REDIS_URL', 'http://default:Sup3rS3cret@redis.example.org:6379'],
    ['SMTP_URL', 'imap://mailer:Sup3rS3cret@mail.example.org'],
  ])('never shows the password of a rejected %s', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.lines()).toHaveLength(1);
    expect(error.lines()[0]).not.toContain('Sup3rS3cret');
    expect(error.message).not.toContain('Sup3rS3cret');
    expect(error.lines()[0]).toContain('***');
  });

  it.each([
    ['APP_SECRET', 'Sup3rS3cret'],
    ['ADMIN_PASSWORD', 'Sup3rS3cret'],
  ])('never echoes a rejected %s', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.lines()[0]).not.toContain(value);
    expect(error.message).not.toContain(value);
  });

  describe('accepts valid values', () => {
    it.each([
      ['postgres://u:p@h:5432/db'],
      ['postgresql://keepwarm@db.internal/keepwarm?sslmode=require'],
      ['postgresql:///db?host=/var/run/postgresql'],
    ])('DATABASE_URL=%s', (value) => {
      expect(parseConfig({ DATABASE_URL: value }, CWD).database.url).toBe(value);
    });

    it.each([['redis://127.0.0.1:6379'], ['rediss://default:pw@redis.example.org:6380/2']])('REDIS_URL=%s', (value) => {
      expect(parseConfig({ REDIS_URL: value }, CWD).queue.redisUrl).toBe(value);
    });

    it.each([['smtp://127.0.0.1:1025'], ['smtps://u:p@mail.example.org:465']])('SMTP_URL=%s', (value) => {
      expect(parseConfig({ SMTP_URL: value }, CWD).mail.smtpUrl).toBe(value);
    });

    it.each([['Keepwarm <reminders@example.org>'], ['reminders@example.org']])('MAIL_FROM=%s', (value) => {
      expect(parseConfig({ MAIL_FROM: value }, CWD).mail.from).toBe(value);
    });

    it.each([
      ['PORT', '0', (c: ReturnType<typeof parseConfig>) => c.http.port, 0],
      ['PORT', '65535', (c: ReturnType<typeof parseConfig>) => c.http.port, 65535],
      ['ROLE', 'worker', (c: ReturnType<typeof parseConfig>) => c.role, 'worker'],
      ['LOG_LEVEL', 'debug', (c: ReturnType<typeof parseConfig>) => c.log.level, 'debug'],
      ['LOG_FORMAT', 'json', (c: ReturnType<typeof parseConfig>) => c.log.format, 'json'],
      ['QUEUE_PREFIX', 'kw_staging-2', (c: ReturnType<typeof parseConfig>) => c.queue.prefix, 'kw_staging-2'],
      ['CENTRE_COUNTRY', 'FR', (c: ReturnType<typeof parseConfig>) => c.firstCentre.country, 'FR'],
      [
        'CENTRE_TIMEZONE',
        'America/Sao_Paulo',
        (c: ReturnType<typeof parseConfig>) => c.firstCentre.timezone,
        'America/Sao_Paulo',
      ],
      ['ADMIN_EMAIL', 'admin@example.org', (c: ReturnType<typeof parseConfig>) => c.admin.email, 'admin@example.org'],
      [
        'ADMIN_PASSWORD',
        'correct horse battery',
        (c: ReturnType<typeof parseConfig>) => c.admin.password,
        'correct horse battery',
      ],
      ['APP_SECRET', 'x'.repeat(32), (c: ReturnType<typeof parseConfig>) => c.appSecret, 'x'.repeat(32)],
    ])('%s=%s', (variable, value, pick, expected) => {
      expect(pick(parseConfig({ [variable]: value }, CWD))).toBe(expected);
    });
  });

  it('accepts a lower-case CENTRE_COUNTRY and stores it upper-case', () => {
    expect(parseConfig({ CENTRE_COUNTRY: 'fr' }, CWD).firstCentre.country).toBe('FR');
  });

  it('makes cookies Secure for an https PUBLIC_URL whatever its case', () => {
    expect(parseConfig({ PUBLIC_URL: 'HTTPS://keepwarm.example.org' }, CWD).http.secureCookies).toBe(true);
  });

  it.each([['PORT'], ['ROLE'], ['DATABASE_URL'], ['APP_SECRET'], ['ADMIN_EMAIL'], ['CENTRE_COUNTRY'], ['MAIL_FROM']])(
    'treats a whitespace-only %s as unset',
    (variable) => {
      expect(parseConfig({ [variable]: '   \t ' }, CWD)).toEqual(parseConfig({}, CWD));
    },
  );

  it('trims surrounding whitespace from values', () => {
    const config = parseConfig({ PORT: ' 8080 ', ROLE: 'api\n', DATABASE_URL: '  postgres://u:p@h/db  ' }, CWD);
    expect(config.http.port).toBe(8080);
    expect(config.role).toBe('api');
    expect(config.database.url).toBe('postgres://u:p@h/db');
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgres://keepwarm:s3cret@db:5432/kw', 'postgres://keepwarm:***@db:5432/kw'],
    ['redis://:s3cret@127.0.0.1:6379', 'redis://:***@127.0.0.1:6379'],
    ['smtps://u:p@mail.example.org:465', 'smtps://u:***@mail.example.org:465'],
    ['postgres://keepwarm@db/kw', 'postgres://keepwarm@db/kw'],
    ['postgresql:///db?host=/var/run/postgresql', 'postgresql:///db?host=/var/run/postgresql'],
    ['not a url', 'not a url'],
    ['postgres://u:pa/ss@h/db', 'postgres://u:***@h/db'],
    ['postgres://u:p@ss@h/db', 'postgres://u:***@h/db'],
  ])('%s → %s', (value, expected) => {
    expect(redactUrl(value)).toBe(expected);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
  ])('%s gives %p', (value, expected) => {
    expect(parseConfig(value === undefined ? {} : { TRUST_PROXY: value }, CWD).http.trustProxy).toEqual(expected);
  });
});
