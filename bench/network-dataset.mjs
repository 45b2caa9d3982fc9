// The network-scale dataset of `npm run bench` (bench/run.mjs): bench/seed-network.mjs's centres, partners,
// engagements over three SID cycles (SID peak, summer drop), SID roles and boards, plus what the HTTP scenarios
// also need: USERS_PER_CENTRE users per centre (coordinators besides the seeded manager and coordinator) and
// CONTACTS_PER_PARTNER contacts per partner (one primary), folded into the partners' search text as the app keeps
// it. Set-based SQL only, then VACUUM ANALYZE. Full size: 50 centres, 100k partners, 300k contacts, about 2M
// engagements, 500 users (and one network admin); `small` is about a twentieth.
import { performance } from 'node:perf_hooks';
import { dropIndexesAndKeys, seedNetwork } from './seed-network.mjs';

export const PASSWORD = 'bench-password-for-the-network';

/** The sizes, full or small; each can be overridden from the environment. */
export function datasetSize(small) {
  return {
    centres: Number(process.env.CENTRES ?? (small ? 5 : 50)),
    partnersPerCentre: Number(process.env.PARTNERS_PER_CENTRE ?? (small ? 1000 : 2000)),
    engagementsPerPartner: Number(process.env.ENGAGEMENTS_PER_PARTNER ?? 20),
    usersPerCentre: Number(process.env.USERS_PER_CENTRE ?? 10),
    contactsPerPartner: Number(process.env.CONTACTS_PER_PARTNER ?? 3),
  };
}

/** Seeds the network through `db` (a pg.Client) as of `asOf`; answers seedNetwork's result with counts and timings. */
export async function seedBenchNetwork(db, size, asOf) {
  const started = performance.now();
  const seeded = await seedNetwork(db, {
    centres: size.centres,
    partnersPerCentre: size.partnersPerCentre,
    engagementsPerPartner: size.engagementsPerPartner,
    asOf,
    password: PASSWORD,
    namePrefix: 'Bench',
  });
  const timings = { ...seeded.timings };
  const step = async (label, sql, params = []) => {
    const from = performance.now();
    const result = await db.query(sql, params);
    timings[label] = (timings[label] ?? 0) + (performance.now() - from) / 1000;
    return result;
  };
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL synchronous_commit = off`);
    await db.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    // The seeded manager and coordinator sign in; the others share their password hash.
    const users = await step(
      'users, contacts',
      `INSERT INTO app_user (centre_id, email, name, role, network_admin, password_hash, password_changed_at, created_at, updated_at)
       SELECT u.centre_id, format('colleague.%s.%s@bench.keepwarm.test', c.n, i), format('Colleague %s-%s', c.n, i),
              'coordinator', false, u.password_hash, u.created_at, u.created_at, u.created_at
       FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM centre) c
       JOIN app_user u ON u.centre_id = c.id AND u.role = 'manager'
       CROSS JOIN generate_series(1, $1::int) i`,
      [Math.max(0, size.usersPerCentre - 2)],
    );
    // As seed-network.mjs does for its big tables: contact's indexes and keys, and the partners' trigram index on
    // the search text about to be rewritten, are rebuilt once at the end rather than kept up row by row.
    const rebuildContact = await dropIndexesAndKeys(db, ['contact']);
    const [searchIndex] = (await db.query(`SELECT pg_get_indexdef('partner_search_idx'::regclass) AS definition`)).rows;
    await db.query('DROP INDEX partner_search_idx');
    const contacts = await step(
      'users, contacts',
      `INSERT INTO contact (centre_id, partner_id, name, email, phone, job_title, "primary", lawful_basis, created_at, updated_at)
       SELECT p.centre_id, p.id, format('Person %s of %s', i, p.name), format('person%s.%s@partner.example', i, left(md5(p.id::text), 12)),
              CASE WHEN i = 1 THEN '+32 2 555 01 ' || lpad((abs(hashtext(p.id::text)) % 100)::text, 2, '0') END,
              (ARRAY['Director', 'Project officer', 'Teacher', 'Policy adviser'])[1 + (abs(hashtext(p.id::text)) + i) % 4],
              i = 1, CASE WHEN i = 3 THEN 'consent' ELSE 'legitimate_interest' END, p.created_at, p.created_at
       FROM partner p CROSS JOIN generate_series(1, $1::int) i`,
      [size.contactsPerPartner],
    );
    // The partner's search text covers its contacts' names and emails, as src/partners/partner-stats.ts keeps it.
    await step(
      'users, contacts',
      `UPDATE partner p SET search_text = keepwarm_fold(concat_ws(' ', p.name, array_to_string(p.tags, ' '), c.people))
       FROM (SELECT partner_id, string_agg(concat_ws(' ', name, email), ' ') AS people FROM contact GROUP BY partner_id) c
       WHERE c.partner_id = p.id`,
    );
    const from = performance.now();
    await rebuildContact();
    await db.query(searchIndex.definition);
    timings['users, contacts'] += (performance.now() - from) / 1000;
    await db.query('COMMIT');
    seeded.counts.users = (await db.query('SELECT count(*)::int AS n FROM app_user')).rows[0].n;
    seeded.counts.contacts = contacts.rowCount;
    seeded.counts.extraUsers = users.rowCount;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await step('vacuum analyze', 'VACUUM ANALYZE');
  return { ...seeded, timings, seconds: (performance.now() - started) / 1000 };
}
