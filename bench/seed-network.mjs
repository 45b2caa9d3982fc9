// A network of centres to measure against, written with set-based SQL (INSERT … SELECT over generate_series):
// the same dozen statements whatever the size. Used by bench/dashboard.bench.mjs; a richer scenario can call it
// and add its own rows. Needs the built app (dist/, for the password hash) and a migrated database.
//
// What it writes, as of `asOf` (a local date), for `centres` centres in Europe/Brussels with the default sectors:
// - per centre a manager and a coordinator who can sign in with `password`; one network admin (role admin) in the
//   first centre;
// - `partnersPerCentre` partners over the sectors (weighted, plus a sector outside the centre's list), tiers,
//   statuses and owners (coordinator 55%, manager 35%, nobody 10%); 2% archived, 3% with their own cadence;
// - about `engagementsPerPartner` engagements per partner on average over the 1,190 days before asOf (three SID
//   cycles and the off-season after the oldest), none after asOf, between 08:00 and 18:00 local time. A partner
//   is year-round (60%: a third of its engagements inside SID windows, July and August thinned out), seasonal
//   (20%: only inside SID windows) or dormant (20%: nothing in the last 400 days). 85% of engagements have one
//   partner, 10% two, 5% three; engagement_partner.occurred_at is the engagement's, and partner.last_engagement_at
//   its latest, as the app maintains them;
// - one centre in ten set its own SID date (a week late) for last year;
// - SID roles (invited, confirmed, delivered, declined) for every SID year, more often for seasonal partners;
// - an advisory board per centre (and a youth panel in one centre in five) with members of several sectors,
//   some seats ended, so that coverage has gaps.
// Random choices come from a seeded random(): with the same settings, runs on one server draw the same data (ids
// apart; the order of the draws follows the plan, so another server version may differ slightly).
//
// Speed: partners, engagements and their links are drawn into temporary tables, then written with the indexes and
// keys of those three tables dropped and rebuilt afterwards from their own definitions (the schema comes out as
// the migrations made it, every foreign key checked). Row by row, index upkeep and foreign-key triggers took three
// times as long. The tables are locked until the transaction commits: seed before the app starts.
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../dist/auth/password.js';
import { SID_ROLE_KINDS } from '../dist/common/domain-values.js';

/** How far back engagements go: three SID cycles before asOf, and the off-season after the oldest one. */
const SPAN_DAYS = 1190;
/** Dormant partners have no engagement in this many days up to asOf. */
const DORMANT_DAYS = 400;
const COUNTRIES = [
  ...['BE', 'NL', 'LU', 'FR', 'DE', 'AT', 'IE', 'DK', 'SE', 'FI', 'EE', 'LV', 'LT', 'PL', 'CZ', 'SK'],
  ...['HU', 'SI', 'HR', 'RO', 'BG', 'GR', 'CY', 'MT', 'IT', 'ES', 'PT', 'IS', 'NO', 'UK', 'RS'],
];
const REQUIRED_BOARD_SECTORS = ['education', 'industry', 'government', 'law_enforcement', 'ngo', 'youth', 'parents'];
// Weighted picks: a value appears as many times as its weight.
const SECTORS = weighted({
  education: 4,
  industry: 3,
  ngo: 3,
  government: 2,
  local_authority: 1,
  telecom: 1,
  law_enforcement: 1,
  academia: 1,
  media: 1,
  health: 1,
  youth: 1,
  parents: 1,
});
const TYPES_IN_WINDOW = weighted({ sid_activity: 9, event: 3, meeting: 3, email: 3, call: 2 });
const TYPES_OFF_SEASON = weighted({ email: 6, meeting: 5, call: 4, event: 2, training: 1, study_visit: 1, other: 1 });
const SID_ROLES = [...SID_ROLE_KINDS];

function weighted(weights) {
  return Object.entries(weights).flatMap(([value, weight]) => Array(weight).fill(value));
}

/**
 * The id of partner number `n` of a centre, from the centre's salt: a version-4 shaped UUID that any statement
 * can compute, so an engagement's other partners need no join to find theirs.
 */
const partnerId = (salt, n) =>
  `overlay(overlay(md5(${salt} || ':' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * Partners are year-round, seasonal or dormant by their number n: n % 5 = 0 seasonal, 1 dormant, 2–4 year-round.
 * An engagement's other partners are year-round ones (so that seasonal and dormant partners stay what they are),
 * found by their rank j among the year-round partners of the centre: this is partner number n for rank j.
 */
const yearRoundNumber = (j) => `(5 * ((${j}) / 3) + 2 + (${j}) % 3)`;

/** How many of partners 1…count are year-round (n % 5 in 2, 3, 4). */
function yearRoundCount(count) {
  return 3 * Math.floor(count / 5) + Math.max(0, Math.min((count % 5) - 1, 3));
}

/**
 * Seeds the network through `db`, one connection (a pg.Client: temporary tables live in its session), in one
 * transaction. Returns the centres (by name), the accounts that can sign in, the row counts and the time taken.
 */
export async function seedNetwork(
  db,
  {
    centres,
    partnersPerCentre,
    engagementsPerPartner,
    asOf,
    password,
    emailDomain = 'bench.keepwarm.test',
    namePrefix = 'Dashboard',
    seed = 0.42,
  },
) {
  const started = performance.now();
  const timings = {};
  const step = async (label, sql, params = []) => {
    const from = performance.now();
    const result = await db.query(sql, params);
    timings[label] = (timings[label] ?? 0) + (performance.now() - from) / 1000;
    return result;
  };
  const passwordHash = await hashPassword(password);
  const spanStart = `($1::date - ${SPAN_DAYS})`;

  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL temp_buffers = '1GB'`);
    await db.query(`SET LOCAL work_mem = '1GB'`);
    await db.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await db.query(`SET LOCAL synchronous_commit = off`);
    await db.query('SELECT setseed($1)', [seed]);

    await step(
      'centres, users',
      `CREATE TEMP TABLE seed_centre ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, n, format('%s centre %s', $2::text, lpad(n::text, 2, '0')) AS name,
              ($3::text[])[1 + (n - 1) % cardinality($3::text[])] AS country, 'Europe/Brussels'::text AS timezone,
              gen_random_uuid() AS manager_id, gen_random_uuid() AS coordinator_id, gen_random_uuid()::text AS salt
       FROM generate_series(1, $1::int) n`,
      [centres, namePrefix, COUNTRIES],
    );
    // Default sectors, cadence and SID days; one centre in five is stricter with education partners.
    await step(
      'centres, users',
      `INSERT INTO centre (id, name, country, timezone, required_board_sectors, cadence, created_at, updated_at)
       SELECT id, name, country, timezone, $2::text[],
              jsonb_build_object('defaultDays', 90, 'bySector', CASE WHEN n % 5 = 0 THEN '{"education":60}'::jsonb ELSE '{}'::jsonb END,
                                 'byTier', '{"key":30,"regular":90,"occasional":180}'::jsonb),
              ${spanStart} - 900, ${spanStart} - 900
       FROM seed_centre ORDER BY n`,
      [asOf, REQUIRED_BOARD_SECTORS],
    );
    await step(
      'centres, users',
      `INSERT INTO app_user (id, centre_id, email, name, role, network_admin, password_hash, password_changed_at, created_at, updated_at)
       SELECT u.id, c.id, format('%s.%s@%s', u.role, lpad(c.n::text, 2, '0'), $2::text), u.name, u.role, false, $3::text,
              ${spanStart} - 900, ${spanStart} - 900, ${spanStart} - 900
       FROM seed_centre c
       CROSS JOIN LATERAL (VALUES (c.manager_id, 'manager', format('Manager %s', lpad(c.n::text, 2, '0'))),
                                  (c.coordinator_id, 'coordinator', format('Coordinator %s', lpad(c.n::text, 2, '0')))) u(id, role, name)
       UNION ALL
       SELECT gen_random_uuid(), c.id, format('network-admin@%s', $2::text), 'Network admin', 'admin', true, $3::text,
              ${spanStart} - 900, ${spanStart} - 900, ${spanStart} - 900
       FROM seed_centre c WHERE c.n = 1`,
      [asOf, emailDomain, passwordHash],
    );
    // One centre in ten moved last year's SID a week later than the Tuesday rule.
    await step(
      'centres, users',
      `INSERT INTO sid_campaign (centre_id, year, date, theme)
       SELECT id, y, keepwarm_default_sid_date(y) + 7, 'Together for a better internet'
       FROM seed_centre CROSS JOIN (SELECT extract(year FROM $1::date)::int - 1 AS y) last_year
       WHERE n % 10 = 3`,
      [asOf],
    );
    // Each centre's SID windows that start by asOf and end after the span starts, oldest first, as arrays.
    await step(
      'centres, users',
      `CREATE TEMP TABLE seed_windows ON COMMIT DROP AS
       SELECT c.id AS centre_id, count(*)::int AS windows, array_agg(y.year ORDER BY y.year) AS years,
              array_agg(d.sid ORDER BY y.year) AS sids, array_agg(d.sid - ce.sid_days_before ORDER BY y.year) AS starts,
              array_agg(ce.sid_days_before + ce.sid_days_after + 1 ORDER BY y.year) AS lengths
       FROM seed_centre c JOIN centre ce ON ce.id = c.id
       CROSS JOIN generate_series(extract(year FROM ${spanStart})::int, extract(year FROM $1::date)::int + 1) y(year)
       LEFT JOIN sid_campaign s ON s.centre_id = c.id AND s.year = y.year
       CROSS JOIN LATERAL (SELECT COALESCE(s.date, keepwarm_default_sid_date(y.year)) AS sid) d
       WHERE d.sid - ce.sid_days_before <= $1::date AND d.sid + ce.sid_days_after >= ${spanStart}
       GROUP BY c.id`,
      [asOf],
    );

    // Partners. Random draws are made once per row in an inner query (volatile, so never inlined twice).
    await step(
      'partners',
      `CREATE TEMP TABLE seed_partner ON COMMIT DROP AS
       SELECT ${partnerId('salt', 'n')} AS id, centre_id, n, salt, timezone,
              CASE n % 5 WHEN 0 THEN 'seasonal' WHEN 1 THEN 'dormant' ELSE 'yearround' END AS profile,
              format('Organisation %s-%s', lpad(centre_n::text, 2, '0'), lpad(n::text, 5, '0')) AS name,
              CASE WHEN r_sector < 0.005 THEN 'libraries' ELSE ($3::text[])[1 + floor(r_sector * cardinality($3::text[]))::int] END AS sector,
              CASE WHEN r_tier < 0.1 THEN 'key' WHEN r_tier < 0.6 THEN 'regular' ELSE 'occasional' END AS tier,
              CASE WHEN r_owner < 0.55 THEN coordinator_id WHEN r_owner < 0.9 THEN manager_id END AS owner_id,
              CASE WHEN r_owner >= 0.55 AND r_owner < 0.9 THEN manager_id ELSE coordinator_id END AS logger_id,
              CASE WHEN r_status < 0.05 THEN 'former' WHEN r_status < 0.09 THEN 'paused' WHEN r_status < 0.13 THEN 'prospect'
                   ELSE 'active' END AS status,
              CASE WHEN r_status < 0.02 THEN ($1::date - floor(r_created * 500)::int + interval '15 hours') AT TIME ZONE timezone END AS archived_at,
              CASE WHEN r_cadence < 0.03 THEN 60 END AS cadence_days,
              (${spanStart} - floor(r_created * 600)::int + interval '10 hours') AT TIME ZONE timezone AS created_at,
              round($4::numeric * r_amount * CASE n % 5 WHEN 0 THEN 0.5 WHEN 1 THEN 0.4 ELSE 1.35 END)::int AS engagements
       FROM (
         SELECT c.id AS centre_id, c.n AS centre_n, c.salt, c.timezone, c.manager_id, c.coordinator_id, i AS n,
                random() AS r_sector, random() AS r_tier, random() AS r_owner,
                random() AS r_status, random() AS r_cadence, random() AS r_created, (0.5 + random())::numeric AS r_amount
         FROM seed_centre c CROSS JOIN generate_series(1, $2::int) i
       ) r`,
      [asOf, partnersPerCentre, SECTORS, engagementsPerPartner],
    );
    // Engagements in time order, as they were logged, each with the partner it was drawn for and, for some, one
    // or two other partners of the centre (distinct offsets from the first: no duplicates). The time of day is
    // read in the centre's zone from the day's noon, which is the day's UTC offset between 08:00 and 18:00.
    await step(
      'engagements: draw',
      `CREATE TEMP TABLE seed_day ON COMMIT DROP AS
       SELECT d::date AS day, z.timezone, (d::date + time '12:00') AT TIME ZONE z.timezone AS noon
       FROM generate_series(${spanStart} - 1, $1::date, interval '1 day') d CROSS JOIN (SELECT DISTINCT timezone FROM seed_centre) z`,
      [asOf],
    );
    await step('engagements: draw', 'ANALYZE seed_centre, seed_windows, seed_partner, seed_day');
    await step(
      'engagements: draw',
      `CREATE TEMP TABLE seed_engagement ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, centre_id, partner_id, logger_id, in_window, type, follow_up_at, sid_year, other1, other2,
              n.noon + (480 + floor(r_time * 600)::int - 720) * interval '1 minute' AS occurred_at
       FROM (
         SELECT centre_id, partner_id, logger_id, in_window, type, day, timezone, r_time,
                CASE WHEN type = 'sid_activity' THEN window_year END AS sid_year,
                CASE WHEN r_follow < 0.05 THEN day + 14 END AS follow_up_at,
                CASE WHEN extras >= 1 THEN ${partnerId('salt', yearRoundNumber('(j + d1) % $2::int'))} END AS other1,
                CASE WHEN extras >= 2 THEN ${partnerId('salt', yearRoundNumber('(j + d2) % $2::int'))} END AS other2
         FROM (
           SELECT *, CASE
                    WHEN in_window OR NOT (extract(month FROM base_day) IN (7, 8)) OR r_summer >= 0.6 THEN base_day
                    -- The off-season: three in five July and August engagements move two months, back or forth.
                    WHEN (r_summer < 0.3 AND base_day - 61 >= ${spanStart}) OR base_day + 61 > $1::date THEN base_day - 61
                    ELSE base_day + 61 END AS day,
                  3 * (n / 5) + greatest(n % 5 - 2, 0) AS j,
                  1 + floor(r_d1 * ($2::int - 1))::int AS d1,
                  1 + (floor(r_d1 * ($2::int - 1))::int + floor(r_d2 * ($2::int - 2))::int + 1) % greatest($2::int - 1, 1) AS d2,
                  least(CASE WHEN r_extra < 0.05 THEN 2 WHEN r_extra < 0.15 THEN 1 ELSE 0 END, greatest($2::int - 1, 0)) AS extras
           FROM (
             SELECT centre_id, partner_id, n, salt, timezone, logger_id, in_window, r_summer, r_time, r_follow, r_extra, r_d1, r_d2,
                    CASE WHEN in_window THEN least(starts[k] + floor(r_day * lengths[k])::int, $1::date)
                         WHEN profile = 'dormant' THEN ${spanStart} + floor(r_day * (${SPAN_DAYS} - ${DORMANT_DAYS}))::int
                         ELSE ${spanStart} + floor(r_day * (${SPAN_DAYS} + 1))::int END AS base_day,
                    CASE WHEN in_window THEN years[k] END AS window_year,
                    CASE WHEN in_window THEN ($3::text[])[1 + floor(r_type * cardinality($3::text[]))::int]
                         ELSE ($4::text[])[1 + floor(r_type * cardinality($4::text[]))::int] END AS type
             FROM (
               SELECT p.centre_id, p.id AS partner_id, p.n, p.salt, p.timezone, p.profile, p.logger_id, w.starts, w.lengths, w.years,
                      random() < CASE p.profile WHEN 'seasonal' THEN 1 WHEN 'yearround' THEN 0.35 ELSE 0 END AS in_window,
                      1 + floor(random() * w.windows)::int AS k,
                      random() AS r_day, random() AS r_summer, random() AS r_time, random() AS r_type, random() AS r_follow,
                      random() AS r_extra, random() AS r_d1, random() AS r_d2
               FROM seed_partner p JOIN seed_windows w ON w.centre_id = p.centre_id
               CROSS JOIN generate_series(1, p.engagements) e
             ) drawn
             OFFSET 0
           ) dated
           OFFSET 0
         ) shifted
         OFFSET 0
       ) e JOIN seed_day n ON n.day = e.day AND n.timezone = e.timezone
       ORDER BY occurred_at`,
      [asOf, yearRoundCount(partnersPerCentre), TYPES_IN_WINDOW, TYPES_OFF_SEASON],
    );
    // The partner's latest engagement, which the app keeps in partner.last_engagement_at.
    await step(
      'engagements: draw',
      `CREATE TEMP TABLE seed_latest ON COMMIT DROP AS
       SELECT partner_id, max(occurred_at) AS latest
       FROM (SELECT partner_id, occurred_at FROM seed_engagement
             UNION ALL SELECT other1, occurred_at FROM seed_engagement WHERE other1 IS NOT NULL
             UNION ALL SELECT other2, occurred_at FROM seed_engagement WHERE other2 IS NOT NULL) l
       GROUP BY partner_id`,
    );

    const rebuild = await dropIndexesAndKeys(db, ['partner', 'engagement', 'engagement_partner']);
    await step(
      'partners: insert',
      `INSERT INTO partner (id, centre_id, name, sector, tier, owner_id, cadence_days, status, archived_at, last_engagement_at,
                            search_text, created_at, updated_at)
       SELECT p.id, centre_id, name, sector, tier, owner_id, cadence_days, status, archived_at, l.latest,
              keepwarm_fold(name), created_at, created_at
       FROM seed_partner p LEFT JOIN seed_latest l ON l.partner_id = p.id
       ORDER BY created_at`,
    );
    const engagements = await step(
      'engagements: insert',
      `INSERT INTO engagement (id, centre_id, type, occurred_at, summary, follow_up_at, sid_year, logged_by_id, created_at, updated_at)
       SELECT id, centre_id, type, occurred_at,
              CASE WHEN in_window THEN format('Safer Internet Day: %s', replace(type, '_', ' '))
                   ELSE format('Keeping in touch (%s)', replace(type, '_', ' ')) END,
              follow_up_at, sid_year, logger_id, occurred_at, occurred_at
       FROM seed_engagement`,
    );
    // The SID-season rollup (SidSeasonRollup migration) is kept by a trigger on each inserted batch of links; with
    // the indexes dropped it would scan the table once per centre, so it is worked out once below instead.
    await db.query(`ALTER TABLE engagement_partner DISABLE TRIGGER engagement_partner_sid_seasons_insert`);
    const links = await step(
      'engagements: insert',
      `INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at)
       SELECT e.id, l.partner_id, e.centre_id, e.occurred_at
       FROM seed_engagement e CROSS JOIN LATERAL (VALUES (e.partner_id), (e.other1), (e.other2)) l(partner_id)
       WHERE l.partner_id IS NOT NULL`,
    );
    {
      const from = performance.now();
      await rebuild();
      timings['indexes, keys'] = (performance.now() - from) / 1000;
    }
    await db.query(`ALTER TABLE engagement_partner ENABLE TRIGGER engagement_partner_sid_seasons_insert`);
    await step('SID-season rollup', `SELECT keepwarm_refresh_centre_sid_seasons(c.id) FROM centre c`);

    // SID roles: one partner in twenty-five a year, seasonal partners more often. Past SIDs have outcomes; a SID
    // still ahead has invitations and confirmations only.
    const roles = await step(
      'SID roles, boards',
      `INSERT INTO sid_role (centre_id, partner_id, year, role, status, status_changed_at)
       SELECT centre_id, partner_id, year, ($2::text[])[1 + floor(r_role * cardinality($2::text[]))::int],
              CASE WHEN sid >= $1::date THEN CASE WHEN r_status < 0.5 THEN 'confirmed' ELSE 'invited' END
                   WHEN r_status < 0.4 THEN 'delivered' WHEN r_status < 0.75 THEN 'confirmed' WHEN r_status < 0.9 THEN 'declined'
                   ELSE 'invited' END,
              (least(sid - 14, $1::date) + interval '11 hours') AT TIME ZONE timezone
       FROM (
         SELECT p.centre_id, p.id AS partner_id, p.timezone, p.profile, w.years[i] AS year, w.sids[i] AS sid,
                random() AS r_pick, random() AS r_role, random() AS r_status
         FROM seed_partner p JOIN seed_windows w ON w.centre_id = p.centre_id CROSS JOIN generate_series(1, w.windows) i
       ) r
       WHERE r_pick < CASE profile WHEN 'seasonal' THEN 0.15 ELSE 0.04 END`,
      [asOf, SID_ROLES],
    );
    // Boards: the first non-archived partner of each sector sits on the advisory board (education's chairs it,
    // its second is an observer); even-numbered centres have no parents' seat, and one centre in three saw its
    // law enforcement seat end a month ago. One centre in five also has a youth panel.
    await step(
      'SID roles, boards',
      `INSERT INTO advisory_board (centre_id, name, description, meeting_cadence_days, created_at, updated_at)
       SELECT id, 'Advisory board', 'Guides the centre''s work programme', 120, ${spanStart} - 800, ${spanStart} - 800 FROM seed_centre
       UNION ALL
       SELECT id, 'Youth panel', 'Young people advising the centre', 90, ${spanStart} - 800, ${spanStart} - 800 FROM seed_centre WHERE n % 5 = 0`,
      [asOf],
    );
    const seats = await step(
      'SID roles, boards',
      `WITH ranked AS (
         SELECT s.centre_id, s.id AS partner_id, s.sector, c.n AS centre_n,
                row_number() OVER (PARTITION BY s.centre_id, s.sector ORDER BY s.n) AS rank
         FROM seed_partner s JOIN seed_centre c ON c.id = s.centre_id
         WHERE s.archived_at IS NULL
       )
       INSERT INTO board_membership (centre_id, board_id, partner_id, role, term_start, term_end)
       SELECT r.centre_id, b.id, r.partner_id,
              CASE WHEN r.rank = 2 THEN 'observer' WHEN r.sector = 'education' THEN 'chair' ELSE 'member' END,
              ${spanStart} - 700,
              CASE WHEN r.sector = 'law_enforcement' AND r.centre_n % 3 = 0 THEN $1::date - 30 END
       FROM ranked r JOIN advisory_board b ON b.centre_id = r.centre_id AND b.name = 'Advisory board'
       WHERE (r.rank = 1 OR (r.rank = 2 AND r.sector = 'education')) AND NOT (r.sector = 'parents' AND r.centre_n % 2 = 0)
       UNION ALL
       SELECT r.centre_id, b.id, r.partner_id, 'member', $1::date - 200, NULL
       FROM ranked r JOIN advisory_board b ON b.centre_id = r.centre_id AND b.name = 'Youth panel'
       WHERE r.rank BETWEEN 3 AND 4 AND r.sector IN ('youth', 'parents', 'education')`,
      [asOf],
    );
    await db.query('COMMIT');

    const centreRows = (
      await db.query(`SELECT id, name FROM centre WHERE name LIKE $1 || ' centre %' ORDER BY name`, [namePrefix])
    ).rows;
    const pad = (n) => String(n).padStart(2, '0');
    return {
      centres: centreRows,
      accounts: {
        password,
        networkAdmin: `network-admin@${emailDomain}`,
        manager: (n) => `manager.${pad(n)}@${emailDomain}`,
        coordinator: (n) => `coordinator.${pad(n)}@${emailDomain}`,
      },
      counts: {
        centres: centreRows.length,
        partners: centreRows.length * partnersPerCentre,
        engagements: engagements.rowCount,
        engagementPartners: links.rowCount,
        sidRoles: roles.rowCount,
        boardSeats: seats.rowCount,
      },
      seconds: (performance.now() - started) / 1000,
      timings,
    };
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/**
 * Bulk loading as PostgreSQL's manual advises ("Populating a Database"): drops the indexes and keys of `tables`
 * and the foreign keys pointing at them, and returns a function that puts them all back from their own
 * definitions, so the new rows are indexed and checked once at the end instead of row by row. Call inside the
 * loading transaction: a failure rolls the drop back with everything else.
 */
export async function dropIndexesAndKeys(db, tables) {
  const { rows: constraints } = await db.query(
    `SELECT c.conrelid::regclass::text AS "table", quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.contype IN ('p', 'u', 'f') AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))
     ORDER BY c.contype = 'f' DESC, c.conname`,
    [tables],
  );
  const { rows: indexes } = await db.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))`,
    [tables],
  );
  for (const c of constraints) await db.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await db.query(`DROP INDEX ${i.name}`);
  return async () => {
    for (const i of indexes) await db.query(i.definition);
    // Keys first, then the foreign keys that need them.
    for (const c of [...constraints].reverse())
      await db.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
  };
}
