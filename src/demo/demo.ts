import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { Clock } from '../common/clock.js';
import { addDays, daysBetween, localDate, zonedTime } from '../common/dates.js';
import { RequestContext } from '../common/request-context.js';
import { SID_ROLE_KINDS } from '../common/domain-values.js';
import { DEFAULT_SECTORS } from '../database/centre.entity.js';
import { ReminderScan } from '../reminder-scan/reminder-scan.service.js';

export const DEMO_CENTRE_NAME = 'Valdoria Safer Internet Centre';
/** XV sits in ISO 3166-1's user-assigned range (XA–XZ): no real country has it. */
export const DEMO_COUNTRY = 'XV';
export const DEMO_TIMEZONE = 'Europe/Vienna';
export const DEMO_PASSWORD = 'valdoria-demo-2024';
const REQUIRED_BOARD_SECTORS = ['education', 'industry', 'government', 'law_enforcement', 'ngo', 'youth', 'parents'];
/** The sector with no seat on the board, so that coverage has a gap. */
const MISSING_BOARD_SECTOR = 'parents';
const SPAN_DAYS = 730;

export interface DemoResult {
  centreId: string;
  reset: boolean;
  counts: Record<string, number>;
  reminders: number;
  accounts: { role: string; email: string; password: string }[];
}

/** A small seeded PRNG (mulberry32): the same seed draws the same demo. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three invented organisations a sector, four for "other": 40 in all. */
const ORGANISATIONS: Record<(typeof DEFAULT_SECTORS)[number], string[]> = {
  industry: ['Korvath Software', 'Brennmark Games', 'Ostral Devices'],
  telecom: ['ValNet Mobile', 'Teloria Broadband', 'Merisk Fibre'],
  government: ['Ministry of Digital Affairs', 'Valdorian Data Protection Office', 'Ministry of Education'],
  local_authority: ['City of Aurenburg', 'Lissa Valley District', 'Port Kemmen Council'],
  law_enforcement: ['Valdorian Police Cybercrime Unit', 'Aurenburg Community Police', 'Customs Digital Desk'],
  education: ['Aurenburg Lyceum', 'Kemmen Primary School', 'Teachers Union of Valdoria'],
  academia: ['University of Aurenburg', 'Lissa Institute of Technology', 'Centre for Media Literacy Research'],
  ngo: ['Safe Steps Foundation', 'Digital Rights Valdoria', 'Childline Valdoria'],
  media: ['Valdoria Public Broadcasting', 'Aurenburg Daily', 'Kids Radio Lissa'],
  health: ['Valdorian Paediatric Society', 'Mind Matters Clinic', 'National Health Promotion Agency'],
  youth: ['Youth Council of Valdoria', 'Scouts of Valdoria', 'Young Coders Club'],
  parents: ['Parents Association of Valdoria', 'Family Online Network', 'Home and School Federation'],
  other: [
    'Aurenburg Public Library',
    'Valdoria Chamber of Commerce',
    'Museum of Digital Life',
    'Lissa Sports Federation',
  ],
};
const FIRST_NAMES = ['Ana', 'Boris', 'Clara', 'Dario', 'Elena', 'Filip', 'Greta', 'Hugo', 'Iva', 'Jonas', 'Katya'];
const MORE_FIRST_NAMES = ['Lena', 'Marek', 'Nora', 'Oskar', 'Petra', 'Rafael', 'Sofia', 'Tomas', 'Vera', 'Zoran'];
const LAST_NAMES = ['Aurel', 'Brenn', 'Castell', 'Dorn', 'Evers', 'Falk', 'Gorin', 'Halm', 'Ivers', 'Kessel'];
const MORE_LAST_NAMES = ['Lindqvist', 'Morava', 'Novak', 'Orsin', 'Petrov', 'Radek', 'Serin', 'Tamm', 'Valen'];
const JOB_TITLES = ['Director', 'Project officer', 'Communications lead', 'Head of partnerships', 'Teacher'];
const OFF_SEASON_TYPES = ['email', 'email', 'meeting', 'meeting', 'call', 'call', 'event', 'training', 'study_visit'];
const WINDOW_TYPES = ['sid_activity', 'sid_activity', 'sid_activity', 'event', 'meeting', 'email', 'call'];

type Profile = 'yearround' | 'seasonal' | 'lost' | 'new';

interface DemoPartner {
  id?: string;
  name: string;
  sector: string;
  tier: 'key' | 'regular' | 'occasional';
  profile: Profile;
  status: 'prospect' | 'active' | 'paused' | 'former';
  owner: 'manager' | 'coordinator' | null;
  contacts: { id?: string; name: string; email: string; jobTitle: string; primary: boolean }[];
}

interface Window {
  year: number;
  sid: string;
  start: string;
  end: string;
}

/**
 * Creates (or resets) the demo centre, Valdoria, with about two years of history up to the centre's today, then
 * runs its reminder scan for today. Written by SQL in one transaction: the rollups are kept by the triggers of
 * the tables, and the partners' derived columns (last engagement, search text) are worked out at the end as
 * partner-stats.ts does. Resetting keeps the centre row and its users (the append-only audit trail refers to them)
 * and deletes everything else of the centre before drawing it again.
 */
export async function seedDemo(app: INestApplicationContext, seed = 14): Promise<DemoResult> {
  const dataSource = app.get(DataSource);
  const today = localDate(app.get(Clock).now(), DEMO_TIMEZONE);
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const result = await dataSource.transaction(async (manager) => {
    const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      manager.query(sql, params) as Promise<T[]>;
    // One demo at a time.
    await q('SELECT pg_advisory_xact_lock($1)', [7_115_604_214]);
    const [existing] = await q<{ id: string }>('SELECT id FROM centre WHERE name = $1 ORDER BY created_at LIMIT 1', [
      DEMO_CENTRE_NAME,
    ]);
    const centreId = existing?.id ?? (await createCentre(manager, today));
    if (existing) await resetCentre(manager, centreId);
    await q(
      `UPDATE centre SET country = $2, timezone = $3, locale = 'en', reminder_hour = 9, sid_days_before = 42,
              sid_days_after = 14, sectors = $4, required_board_sectors = $5,
              cadence = '{"defaultDays":90,"bySector":{"education":60},"byTier":{"key":30,"regular":90,"occasional":180}}'
       WHERE id = $1`,
      [centreId, DEMO_COUNTRY, DEMO_TIMEZONE, [...DEFAULT_SECTORS], REQUIRED_BOARD_SECTORS],
    );

    const users = await upsertUsers(manager, centreId, passwordHash, today);
    const windows = await sidWindows(manager, today);
    const partners = drawPartners(random, pick);
    const created = zonedTime(addDays(today, -SPAN_DAYS - 60), 10, DEMO_TIMEZONE);
    for (const partner of partners) {
      const ownerId = partner.owner ? users[partner.owner] : null;
      const [row] = await q<{ id: string }>(
        `INSERT INTO partner (centre_id, name, sector, tier, country, website, owner_id, status, tags, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
        [
          centreId,
          partner.name,
          partner.sector,
          partner.tier,
          DEMO_COUNTRY,
          `https://${slug(partner.name)}.example.org`,
          ownerId,
          partner.status,
          partner.profile === 'seasonal' ? ['sid'] : [],
          partner.profile === 'new' ? zonedTime(addDays(today, -40), 10, DEMO_TIMEZONE) : created,
        ],
      );
      partner.id = row!.id;
      for (const contact of partner.contacts) {
        const [c] = await q<{ id: string }>(
          `INSERT INTO contact (centre_id, partner_id, name, email, job_title, "primary", lawful_basis, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'legitimate_interest', $7, $7) RETURNING id`,
          [centreId, partner.id, contact.name, contact.email, contact.jobTitle, contact.primary, created],
        );
        contact.id = c!.id;
      }
    }

    // Engagements: year-round partners all year with more around SID, seasonal ones only in SID windows, lost
    // ones nothing in the last 400 days, new ones a first meeting or two.
    const spanStart = addDays(today, -SPAN_DAYS);
    const yearRound = partners.filter((p) => p.profile === 'yearround');
    let engagements = 0;
    for (const partner of partners) {
      const days: { day: string; window: Window | null }[] = [];
      const inWindow = (w: Window) => {
        const start = w.start < spanStart ? spanStart : w.start;
        const end = w.end > today ? today : w.end;
        if (start > end) return;
        const length = daysBetween(start, end) + 1;
        days.push({ day: addDays(start, Math.floor(random() * length)), window: w });
      };
      if (partner.profile === 'yearround' || partner.profile === 'lost') {
        const until = partner.profile === 'lost' ? addDays(today, -420) : today;
        for (let day = addDays(spanStart, Math.floor(random() * 40)); day <= until;) {
          const window = windows.find((w) => w.start <= day && day <= w.end) ?? null;
          // July and August are quiet.
          const month = Number(day.slice(5, 7));
          if (!(month === 7 || month === 8) || random() < 0.3) days.push({ day, window });
          day = addDays(day, 35 + Math.floor(random() * 50));
        }
        if (partner.profile === 'yearround') for (const w of windows) if (random() < 0.8) inWindow(w);
        if (partner.profile === 'lost') for (const w of windows) if (w.end < until && random() < 0.7) inWindow(w);
      } else if (partner.profile === 'seasonal') {
        for (const w of windows) {
          const count = 1 + Math.floor(random() * 3);
          for (let i = 0; i < count; i++) inWindow(w);
        }
      } else {
        days.push({ day: addDays(today, -30 + Math.floor(random() * 20)), window: null });
        if (random() < 0.5) days.push({ day: addDays(today, -8 + Math.floor(random() * 5)), window: null });
      }
      for (const { day, window } of days) {
        const type = window ? pick(WINDOW_TYPES) : pick(OFF_SEASON_TYPES);
        const at = new Date(zonedTime(day, 8 + Math.floor(random() * 9), DEMO_TIMEZONE).getTime() + 15 * 60_000);
        const followUp = daysBetween(day, today) < 40 && random() < 0.3 ? addDays(day, 14) : null;
        const loggedBy = partner.owner ? users[partner.owner] : users.coordinator;
        const summary = window
          ? `Safer Internet Day ${window.year}: ${type.replace(/_/g, ' ')} with ${partner.name}`
          : `${capitalise(type.replace(/_/g, ' '))} with ${partner.name}`;
        const [engagement] = await q<{ id: string }>(
          `INSERT INTO engagement (centre_id, type, occurred_at, summary, follow_up_at, sid_year, logged_by_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $3, $3) RETURNING id`,
          [centreId, type, at, summary, followUp, type === 'sid_activity' && window ? window.year : null, loggedBy],
        );
        engagements++;
        const others =
          partner.profile === 'yearround' && random() < 0.12 ? [pick(yearRound)].filter((p) => p !== partner) : [];
        for (const p of [partner, ...others])
          await q(
            `INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at) VALUES ($1, $2, $3, $4)`,
            [engagement!.id, p.id, centreId, at],
          );
        if (random() < 0.6)
          await q(`INSERT INTO engagement_contact (engagement_id, contact_id, centre_id) VALUES ($1, $2, $3)`, [
            engagement!.id,
            partner.contacts[0]!.id,
            centreId,
          ]);
      }
    }
    // The partners' derived columns, as src/partners/partner-stats.ts keeps them.
    await q(
      `UPDATE partner p SET last_engagement_at = (SELECT max(ep.occurred_at) FROM engagement_partner ep WHERE ep.partner_id = p.id),
              search_text = keepwarm_fold(concat_ws(' ', p.name, array_to_string(p.tags, ' '),
                (SELECT string_agg(concat_ws(' ', c.name, c.email), ' ') FROM contact c WHERE c.partner_id = p.id AND c.erased_at IS NULL)))
       WHERE p.centre_id = $1`,
      [centreId],
    );

    // SID: the campaign of the last SID and of the next one, with roles.
    const past = windows.filter((w) => w.sid < today).at(-1)!;
    const next = { year: past.year + 1 };
    const themes = ['Together for a better internet', 'Smart, safe and kind online'];
    for (const [i, year] of [past.year, next.year].entries())
      await q(`INSERT INTO sid_campaign (centre_id, year, theme) VALUES ($1, $2, $3)`, [centreId, year, themes[i]]);
    let roles = 0;
    for (const partner of partners) {
      if (partner.profile === 'new') continue;
      for (const year of [past.year, next.year]) {
        const chance = partner.profile === 'seasonal' ? 0.7 : partner.profile === 'lost' ? 0.05 : 0.25;
        if (year === next.year && partner.profile === 'lost') continue;
        if (random() >= chance) continue;
        const r = random();
        const status =
          year === past.year
            ? r < 0.6
              ? 'delivered'
              : r < 0.8
                ? 'confirmed'
                : 'declined'
            : r < 0.5
              ? 'confirmed'
              : 'invited';
        const changed = zonedTime(year === past.year ? addDays(past.sid, -20) : addDays(today, -10), 11, DEMO_TIMEZONE);
        await q(
          `INSERT INTO sid_role (centre_id, partner_id, year, role, status, status_changed_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6, $6)`,
          [centreId, partner.id, year, pick(SID_ROLE_KINDS), status, changed],
        );
        roles++;
      }
    }

    // The advisory board: the first active partner of each required sector but one holds a seat; one term ends
    // within the month; the last meeting is older than the board's cadence.
    const [board] = await q<{ id: string }>(
      `INSERT INTO advisory_board (centre_id, name, description, meeting_cadence_days, created_at, updated_at)
       VALUES ($1, 'Valdoria advisory board', 'Guides the centre''s work programme', 90, $2, $2) RETURNING id`,
      [centreId, created],
    );
    let seats = 0;
    for (const sector of REQUIRED_BOARD_SECTORS) {
      if (sector === MISSING_BOARD_SECTOR) continue;
      const partner = partners.find((p) => p.sector === sector && p.status === 'active')!;
      await q(
        `INSERT INTO board_membership (centre_id, board_id, partner_id, contact_id, role, term_start, term_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          centreId,
          board!.id,
          partner.id,
          partner.contacts[0]!.id,
          sector === 'education' ? 'chair' : 'member',
          addDays(today, -600),
          sector === 'industry' ? addDays(today, 21) : null,
        ],
      );
      seats++;
    }
    await q(
      `INSERT INTO board_meeting (centre_id, board_id, held_at, title, recorded_by_id) VALUES ($1, $2, $3, $4, $5)`,
      [centreId, board!.id, zonedTime(addDays(today, -110), 14, DEMO_TIMEZONE), 'Spring board meeting', users.manager],
    );

    return {
      centreId,
      reset: Boolean(existing),
      counts: {
        partners: partners.length,
        contacts: partners.reduce((n, p) => n + p.contacts.length, 0),
        engagements,
        'SID roles': roles,
        'board seats': seats,
      },
    };
  });

  // Open reminders: the centre's scan for today, as POST /api/v1/admin/reminders/run does.
  const scan = await app.get(ReminderScan).run(RequestContext.system(result.centreId), { trigger: 'cli' });
  return {
    ...result,
    reminders: scan.created,
    accounts: (['admin', 'manager', 'coordinator'] as const).map((role) => ({
      role,
      email: demoEmail(role),
      password: DEMO_PASSWORD,
    })),
  };
}

function demoEmail(role: string): string {
  return `${role}@valdoria.example.org`;
}

async function createCentre(manager: EntityManager, today: string): Promise<string> {
  const [row] = (await manager.query(
    `INSERT INTO centre (name, country, timezone, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id`,
    [DEMO_CENTRE_NAME, DEMO_COUNTRY, DEMO_TIMEZONE, zonedTime(addDays(today, -SPAN_DAYS - 90), 9, DEMO_TIMEZONE)],
  )) as { id: string }[];
  return row!.id;
}

/** Everything of the centre but the centre row, its users and its (append-only) audit trail. */
async function resetCentre(manager: EntityManager, centreId: string): Promise<void> {
  for (const table of [
    'reminder',
    'reminder_scan_run',
    'outbox_email',
    'engagement_contact',
    'engagement_partner',
    'engagement',
    'board_membership',
    'board_meeting',
    'advisory_board',
    'sid_role',
    'sid_campaign',
    'contact',
    'partner',
  ])
    await manager.query(`DELETE FROM ${table} WHERE centre_id = $1`, [centreId]);
}

async function upsertUsers(
  manager: EntityManager,
  centreId: string,
  passwordHash: string,
  today: string,
): Promise<Record<'admin' | 'manager' | 'coordinator', string>> {
  const names = { admin: 'Vesna Aurel', manager: 'Milan Dorn', coordinator: 'Klara Novak' };
  const ids = {} as Record<'admin' | 'manager' | 'coordinator', string>;
  const since = zonedTime(addDays(today, -SPAN_DAYS - 80), 9, DEMO_TIMEZONE);
  for (const role of ['admin', 'manager', 'coordinator'] as const) {
    const email = demoEmail(role);
    const [other] = (await manager.query('SELECT centre_id FROM app_user WHERE lower(email) = $1 AND centre_id <> $2', [
      email,
      centreId,
    ])) as unknown[];
    if (other) throw new Error(`${email} belongs to another centre: the demo cannot take it over`);
    const [row] = (await manager.query(
      `INSERT INTO app_user (centre_id, email, name, role, network_admin, password_hash, password_changed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, false, $5, $6, $6, $6)
       ON CONFLICT ((lower(email))) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, network_admin = false,
         password_hash = EXCLUDED.password_hash, password_changed_at = EXCLUDED.password_changed_at
       RETURNING id`,
      [centreId, email, names[role], role, passwordHash, since],
    )) as { id: string }[];
    ids[role] = row!.id;
  }
  return ids;
}

/** The SID windows that meet the two years up to today and the next one, oldest first. */
async function sidWindows(manager: EntityManager, today: string): Promise<Window[]> {
  const year = Number(today.slice(0, 4));
  const rows = (await manager.query(
    `SELECT y AS year, to_char(keepwarm_default_sid_date(y), 'YYYY-MM-DD') AS sid FROM generate_series($1::int, $2::int) y`,
    [year - 3, year + 1],
  )) as { year: number; sid: string }[];
  return rows
    .map((r) => ({ year: r.year, sid: r.sid, start: addDays(r.sid, -42), end: addDays(r.sid, 14) }))
    .filter((w) => w.end >= addDays(today, -SPAN_DAYS) && w.start <= addDays(today, 365));
}

function drawPartners(random: () => number, pick: <T>(values: readonly T[]) => T): DemoPartner[] {
  const partners: DemoPartner[] = [];
  let n = 0;
  for (const [sector, names] of Object.entries(ORGANISATIONS))
    for (const name of names) {
      // By position: about 45% year-round, 30% seasonal, 15% lost, 10% new (a board seat's partner stays active).
      const profile: Profile = (
        ['yearround', 'seasonal', 'yearround', 'lost', 'seasonal', 'yearround', 'new'] as const
      )[n % 7]!;
      n++;
      const status =
        profile === 'new' ? 'prospect' : profile === 'lost' ? (random() < 0.5 ? 'former' : 'active') : 'active';
      const r = random();
      const owner = r < 0.5 ? 'coordinator' : r < 0.85 ? 'manager' : null;
      const tier = profile === 'yearround' && random() < 0.35 ? 'key' : profile === 'lost' ? 'occasional' : 'regular';
      const domain = `${slug(name)}.example.org`;
      const contacts = Array.from({ length: 1 + Math.floor(random() * 2) }, (_, i) => {
        const first = pick([...FIRST_NAMES, ...MORE_FIRST_NAMES]);
        const last = pick([...LAST_NAMES, ...MORE_LAST_NAMES]);
        return {
          name: `${first} ${last}`,
          email: `${first}.${last}@${domain}`.toLowerCase(),
          jobTitle: pick(JOB_TITLES),
          primary: i === 0,
        };
      });
      partners.push({ name, sector, tier, profile, status, owner, contacts });
    }
  return partners;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
