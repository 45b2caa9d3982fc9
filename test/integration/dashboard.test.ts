import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SECTORS } from '../../src/database/centre.entity.js';
import { call, firstCentreId, seedUser } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedMember, type Member } from '../utils/tenants.js';

/**
 * Engagement dashboards (issue 12; the definitions are in the README, "Dashboards"), on one centre
 * built by hand through the API, every expected figure worked out below from the definitions, never read back from
 * the implementation.
 *
 * CENTRE H, "Brussels hand-built centre", Europe/Brussels (CET = UTC+1; CEST = UTC+2 from 2026-03-29 01:00 UTC to
 * 2026-10-25 01:00 UTC). sidDaysBefore 20, sidDaysAfter 10. Sectors, in this order: media, education, industry,
 * ngo, telecom (youth was on the list when Elm was created, then taken off it). Cadence: default 90 days, education
 * 60, key tier 30 (the stricter of sector and tier; a partner's own cadenceDays wins).
 *
 * asOf = 2026-12-31. Trailing year = 2026-12-31 - 364 … 2026-12-31 = 2026-01-01 … 2026-12-31 (local days).
 * SID dates: 2024-02-06, 2025-02-11 (the Tuesday rule), 2026-03-18 (H's own, PUT /sid/2026; the rule would give
 * 2026-02-10), 2027-02-09. Windows [SID - 20, SID + 10]:
 *   W2024 = 2024-01-17 … 2024-02-16
 *   W2025 = 2025-01-22 … 2025-02-21
 *   W2026 = 2026-02-26 … 2026-03-28   (the rule's date would give 2026-01-21 … 2026-02-20)
 *   W2027 = 2027-01-20 … 2027-02-19   (starts after asOf)
 * Retention years: windows ended before asOf are 2024, 2025, 2026 (W2027 has not even started). Off-season ranges:
 *   2024: 2024-02-17 … 2025-01-21, complete (2025-01-22 <= asOf)
 *   2025: 2025-02-22 … 2026-02-25, complete (2026-02-26 <= asOf)
 *   2026: 2026-03-29 … 2026-12-31 (cut at asOf), not complete (2027-01-20 > asOf)
 *
 * Engagements (UTC instant → local day in Brussels; "in" = inside a window of that day):
 *   E1  2026-03-10T10:00Z event        Alder, Birch, Cedar   2026-03-10 in W2026 (outside the rule's W2026)
 *   E2  2026-06-15T09:00Z call         Alder                 2026-06-15 out
 *   E4  2026-02-25T23:30Z sid_activity Birch                 2026-02-26 00:30, in W2026 (first day; UTC day is out)
 *   E5  2025-02-10T10:00Z sid_activity Birch                 2025-02-10 in W2025
 *   E6  2026-03-28T23:30Z meeting      Cedar                 2026-03-29 00:30, DST night, out (UTC day 03-28 is in)
 *   E7  2026-03-28T22:30Z call         Dogwood               2026-03-28 23:30, in W2026 (last day)
 *   E8  2025-12-31T23:30Z email        Dogwood               2026-01-01 00:30, out; first day of the trailing year
 *   E9  2025-12-31T22:30Z meeting      Elm                   2025-12-31 23:30, out; the day before the trailing year
 *   E10 2026-05-05T08:00Z training     Fir                   2026-05-05 out
 *   E11 2026-11-20T10:00Z study_visit  Ginkgo                2026-11-20 out
 *   E12 2024-02-01T10:00Z sid_activity Hazel                 2024-02-01 in W2024
 *   E13 2024-09-10T10:00Z meeting      Hazel                 2024-09-10 out (off-season 2024)
 *   E14 2025-02-15T10:00Z sid_activity Hazel                 2025-02-15 in W2025
 *   E15 2026-02-01T10:00Z call         Hazel                 2026-02-01 out (would be in the rule's W2026)
 *   E16 2026-03-05T10:00Z sid_activity Ivy (archived)        2026-03-05 in W2026
 *   E17 2026-07-01T10:00Z meeting      Ivy (archived), Juniper  2026-07-01 out
 *   E18 2026-12-31T23:30Z meeting      Larch                 2027-01-01 00:30: after asOf, counts nowhere
 *   E19 2026-03-20T09:00Z sid_activity Maple, Nettle         2026-03-20 in W2026
 *   E20 2025-06-01T10:00Z meeting      Maple                 2025-06-01 out, before the trailing year
 *   E21 2025-02-01T10:00Z sid_activity Ivy (archived)        2025-02-01 in W2025
 *   E22 2024-12-31T23:30Z other        Elm                   2025-01-01 00:30: first day of the 24 months
 *
 * Partners (sector, tier, owner, cadence; trailing-year engagements → engaged / year-round; last engagement up to
 * asOf, or creation → nextContactDue → days overdue at 2026-12-31):
 *   Alder School     education regular Anna  60   E1 in, E2 out → year-round   06-15 + 60 = 08-14 → 139
 *   Birch Media      media     key     Anna  30   E4 in, E1 in → seasonal      03-10 + 30 = 04-09 → 266
 *   Cedar Industries industry  regular Mona  90   E1 in, E6 out → year-round   03-29 + 90 = 06-27 → 187
 *   Dogwood NGO      ngo       regular Mona  90   E8 out, E7 in → year-round   03-28 + 90 = 06-26 → 188
 *   Elm Youth        youth     occas.  Carl  400* none (E9 is 2025-12-31)      2025-12-31 + 400 = 2027-02-04 → no
 *   Fir Foundation   ngo       regular Anna  365* E10 out → year-round         05-05 + 365 = 2027-05-05 → no
 *   Ginkgo Labs      industry  key     Mona  30   E11 out → year-round         11-20 + 30 = 12-20 → 11
 *   Hazel Press      media     regular none  90   E15 out → year-round         02-01 + 90 = 05-02 → 243
 *   Juniper Works    industry  regular Anna  90   E17 out → year-round         07-01 + 90 = 09-29 → 93
 *   Kelp Network     media     regular Mona  90   none                         created 2026-10-01T22:30Z = local
 *                                                                               10-02, + 90 = 12-31 = asOf → no
 *   Larch Studio     education regular Mona  60   none (E18 is after asOf)     created 10-15 + 60 = 12-14 → 17
 *   Maple Trust      ngo       regular Mona  90   E19 in → seasonal            03-20 + 90 = 06-18 → 196
 *   Nettle Radio     media     regular Carl  90   E19 in → seasonal            03-20 + 90 = 06-18 → 196
 *   Ivy Council      ngo       regular Arno       archived: counted nowhere
 *   (* the partner's own cadenceDays; every partner not named above as created later was created 2024-01-01.)
 * Not archived: 13. Engaged: 10 (all but Elm, Kelp, Larch). Year-round: 7 (Alder, Cedar, Dogwood, Fir, Ginkgo,
 * Hazel, Juniper). Seasonal: 3 (Birch, Maple, Nettle). Overdue: 10 (all but Elm, Fir, Kelp).
 *
 * SID roles: Dogwood 2025 confirmed → delivered; Ginkgo 2024 confirmed → delivered; Ginkgo 2026 confirmed;
 * Larch 2026 confirmed → delivered; Fir 2026 invited → declined; Juniper 2025 invited; Ivy 2026 confirmed (archived).
 * Users: Anna Admin (admin), Mona Manager (manager), Carl Coordinator (coordinator), Ivan Idle (owns nothing),
 * Arno Archive (owns only the archived Ivy).
 * Boards (the centre requires education, industry, ngo): "Main advisory board" seats Alder (education, from
 * 2025-01-01, open), Cedar (industry, 2024-01-01 … 2026-12-30), Hazel (media, from 2026-12-31), Juniper (industry,
 * from 2027-01-01); "Ethics board" seats Dogwood (ngo, 2026-01-01 … 2026-12-31), Ginkgo (industry, from 2026-06-01),
 * Fir (ngo, 2020-01-01 … 2025-12-31).
 *
 * CENTRE S, "Second centre (New York)", America/New_York (EST = UTC-5), default settings (SID window 42 days before,
 * 14 after; default sectors; cadence 90 for regular partners): W2024 = 2023-12-26 … 2024-02-20, W2025 = 2024-12-31 …
 * 2025-02-25, W2026 = 2025-12-30 … 2026-02-24, W2027 = 2026-12-29 … 2027-02-23 (already open on asOf). All four
 * industry, regular, owned by Sam Second:
 *   Quartz   2026-01-15T15:00Z meeting (01-15, in W2026), 2026-06-01T12:00Z call (06-01, out) → year-round;
 *            cohort 2026 and retained; 06-01 + 90 = 08-30 → 123 days overdue
 *   Ruby     2027-01-01T03:00Z event = 2026-12-31 22:00 in New York (in W2027) → seasonal; due 2027-03-31
 *   Sapphire 2026-02-01T17:00Z sid_activity (in W2026) → seasonal; cohort 2026, not retained; due 05-02 → 243
 *   Topaz    no engagement, created 2026-12-01T17:00Z → due 2027-03-01
 *
 * The first run's centre F (Europe/Brussels, defaults) has no partners.
 */

const AS_OF = '2026-12-31';
const H_NAME = 'Brussels hand-built centre';
const S_NAME = 'Second centre (New York)';
const DASHBOARD = '/api/v1/dashboard';
const NETWORK = '/api/v1/network/dashboard';
const REQUIRED = ['education', 'industry', 'ngo'];

type PartnerName =
  | 'Alder School'
  | 'Birch Media'
  | 'Cedar Industries'
  | 'Dogwood NGO'
  | 'Elm Youth'
  | 'Fir Foundation'
  | 'Ginkgo Labs'
  | 'Hazel Press'
  | 'Ivy Council'
  | 'Juniper Works'
  | 'Kelp Network'
  | 'Larch Studio'
  | 'Maple Trust'
  | 'Nettle Radio'
  | 'Quartz Org'
  | 'Ruby Org'
  | 'Sapphire Org'
  | 'Topaz Org';

describe('engagement dashboards (issue 12) on a hand-built centre', () => {
  let app: TestApp;
  // The app's "now": after the latest engagement (E18, S's Ruby), already 2027-01-01 00:20 in Brussels.
  const clock = new TestClock(new Date('2026-12-31T23:20:00Z'));
  let centreF: string;
  let centreH: string;
  let centreS: string;
  let network: Member;
  let anna: Member;
  let mona: Member;
  let carl: Member;
  let sam: Member;
  let ivan: { id: string; email: string };
  let arno: { id: string; email: string };
  const ids = {} as Record<PartnerName, string>;
  let boardMain: string;
  let boardEthics: string;
  const contact = { name: 'Zoe Contactperson', email: 'zoe.contactperson@example.org' };
  // Everything personal created here: the network answer must hold none of it.
  const personal: string[] = [];
  // The dashboard of H as of AS_OF, read once by its admin.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let dash: any;

  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(app, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const partner = async (
    token: string,
    name: PartnerName,
    body: { sector: string; tier?: string; ownerId?: string; cadenceDays?: number },
    createdAt = '2024-01-01T12:00:00Z',
  ) => {
    ids[name] = (await ok('POST', '/api/v1/partners', token, { name, ...body })).id as string;
    // The API stamps created_at with the database's clock; nextContactDue of a partner never engaged counts from it.
    await query(app.databaseUrl, 'UPDATE partner SET created_at = $2 WHERE id = $1', [ids[name], createdAt]);
    personal.push(name);
  };
  const engage = (token: string, names: PartnerName[], type: string, occurredAt: string) =>
    ok('POST', '/api/v1/engagements', token, {
      partnerIds: names.map((n) => ids[n]),
      type,
      occurredAt,
      summary: `${type} at ${occurredAt}`,
    });
  const sidRole = async (
    name: PartnerName,
    year: number,
    ...statuses: ('invited' | 'confirmed' | 'delivered' | 'declined')[]
  ) => {
    const [first, ...then] = statuses;
    const role = await ok('POST', `/api/v1/sid/${year}/roles`, anna.token, {
      partnerId: ids[name],
      role: 'supporter',
      status: first,
    });
    for (const status of then) await ok('PATCH', `/api/v1/sid/${year}/roles/${role.id}`, anna.token, { status });
  };
  const seat = (boardId: string, name: PartnerName, termStart: string, termEnd: string | null = null) =>
    ok('POST', `/api/v1/advisory-boards/${boardId}/members`, anna.token, {
      partnerId: ids[name],
      role: 'member',
      termStart,
      termEnd,
    });
  const dashboard = (token: string, params = `asOf=${AS_OF}`) => call(app, 'GET', `${DASHBOARD}?${params}`, { token });
  const seasonalItem = (name: PartnerName, sector: string, lastEngagementAt: string) => ({
    id: ids[name],
    name,
    sector,
    lastEngagementAt,
  });
  const overdueItem = (
    name: PartnerName,
    owner: { id: string } | null,
    nextContactDue: string,
    daysOverdue: number,
  ) => ({
    id: ids[name],
    name,
    ownerId: owner?.id ?? null,
    nextContactDue,
    daysOverdue,
  });

  beforeAll(async () => {
    app = await bootApp({ clock });
    centreF = await firstCentreId(app);
    network = await seedMember(app, centreF, 'admin', { networkAdmin: true, name: 'Nina Network' });

    centreH = (
      await ok('POST', '/api/v1/centres', network.token, {
        name: H_NAME,
        country: 'BE',
        timezone: 'Europe/Brussels',
        sidDaysBefore: 20,
        sidDaysAfter: 10,
        sectors: ['media', 'education', 'industry', 'ngo', 'telecom', 'youth'],
        requiredBoardSectors: REQUIRED,
        cadence: { defaultDays: 90, bySector: { education: 60 }, byTier: { key: 30 } },
      })
    ).id;
    centreS = (
      await ok('POST', '/api/v1/centres', network.token, {
        name: S_NAME,
        country: 'US',
        timezone: 'America/New_York',
      })
    ).id;

    anna = await seedMember(app, centreH, 'admin', { name: 'Anna Admin' });
    mona = await seedMember(app, centreH, 'manager', { name: 'Mona Manager' });
    carl = await seedMember(app, centreH, 'coordinator', { name: 'Carl Coordinator' });
    ivan = await seedUser(app, centreH, 'coordinator', { name: 'Ivan Idle' });
    arno = await seedUser(app, centreH, 'manager', { name: 'Arno Archive' });
    sam = await seedMember(app, centreS, 'admin', { name: 'Sam Second' });
    for (const user of [network, anna, mona, carl, ivan, arno, sam]) personal.push(user.email);
    personal.push('Nina Network', 'Anna Admin', 'Mona Manager', 'Carl Coordinator', 'Ivan Idle', 'Arno Archive');
    personal.push('Sam Second', contact.name, contact.email);

    // H's own SID date for 2026 (the Tuesday rule would say 2026-02-10).
    await ok('PUT', '/api/v1/sid/2026', anna.token, { date: '2026-03-18' });

    const a = anna.token;
    await partner(a, 'Alder School', { sector: 'education', ownerId: anna.id });
    await partner(a, 'Birch Media', { sector: 'media', tier: 'key', ownerId: anna.id });
    await partner(a, 'Cedar Industries', { sector: 'industry', ownerId: mona.id });
    await partner(a, 'Dogwood NGO', { sector: 'ngo', ownerId: mona.id });
    await partner(a, 'Elm Youth', { sector: 'youth', tier: 'occasional', ownerId: carl.id, cadenceDays: 400 });
    await partner(a, 'Fir Foundation', { sector: 'ngo', ownerId: anna.id, cadenceDays: 365 });
    await partner(a, 'Ginkgo Labs', { sector: 'industry', tier: 'key', ownerId: mona.id });
    await partner(a, 'Hazel Press', { sector: 'media' });
    await partner(a, 'Ivy Council', { sector: 'ngo', ownerId: arno.id });
    await partner(a, 'Juniper Works', { sector: 'industry', ownerId: anna.id });
    await partner(a, 'Kelp Network', { sector: 'media', ownerId: mona.id }, '2026-10-01T22:30:00Z');
    await partner(a, 'Larch Studio', { sector: 'education', ownerId: mona.id }, '2026-10-15T10:00:00Z');
    await partner(a, 'Maple Trust', { sector: 'ngo', ownerId: mona.id });
    await partner(a, 'Nettle Radio', { sector: 'media', ownerId: carl.id });
    await ok('POST', `/api/v1/partners/${ids['Alder School']}/contacts`, a, contact);

    await engage(a, ['Alder School', 'Birch Media', 'Cedar Industries'], 'event', '2026-03-10T10:00:00Z'); // E1
    await engage(a, ['Alder School'], 'call', '2026-06-15T09:00:00Z'); // E2
    await engage(a, ['Birch Media'], 'sid_activity', '2026-02-25T23:30:00Z'); // E4
    await engage(a, ['Birch Media'], 'sid_activity', '2025-02-10T10:00:00Z'); // E5
    await engage(a, ['Cedar Industries'], 'meeting', '2026-03-28T23:30:00Z'); // E6
    await engage(a, ['Dogwood NGO'], 'call', '2026-03-28T22:30:00Z'); // E7
    await engage(a, ['Dogwood NGO'], 'email', '2025-12-31T23:30:00Z'); // E8
    await engage(a, ['Elm Youth'], 'meeting', '2025-12-31T22:30:00Z'); // E9
    await engage(a, ['Fir Foundation'], 'training', '2026-05-05T08:00:00Z'); // E10
    await engage(a, ['Ginkgo Labs'], 'study_visit', '2026-11-20T10:00:00Z'); // E11
    await engage(a, ['Hazel Press'], 'sid_activity', '2024-02-01T10:00:00Z'); // E12
    await engage(a, ['Hazel Press'], 'meeting', '2024-09-10T10:00:00Z'); // E13
    await engage(a, ['Hazel Press'], 'sid_activity', '2025-02-15T10:00:00Z'); // E14
    await engage(a, ['Hazel Press'], 'call', '2026-02-01T10:00:00Z'); // E15
    await engage(a, ['Ivy Council'], 'sid_activity', '2026-03-05T10:00:00Z'); // E16
    await engage(a, ['Ivy Council', 'Juniper Works'], 'meeting', '2026-07-01T10:00:00Z'); // E17
    await engage(a, ['Larch Studio'], 'meeting', '2026-12-31T23:30:00Z'); // E18
    await engage(a, ['Maple Trust', 'Nettle Radio'], 'sid_activity', '2026-03-20T09:00:00Z'); // E19
    await engage(a, ['Maple Trust'], 'meeting', '2025-06-01T10:00:00Z'); // E20
    await engage(a, ['Ivy Council'], 'sid_activity', '2025-02-01T10:00:00Z'); // E21
    await engage(a, ['Elm Youth'], 'other', '2024-12-31T23:30:00Z'); // E22

    await sidRole('Dogwood NGO', 2025, 'confirmed', 'delivered');
    await sidRole('Ginkgo Labs', 2024, 'confirmed', 'delivered');
    await sidRole('Ginkgo Labs', 2026, 'confirmed');
    await sidRole('Larch Studio', 2026, 'confirmed', 'delivered');
    await sidRole('Fir Foundation', 2026, 'invited', 'declined');
    await sidRole('Juniper Works', 2025, 'invited');
    await sidRole('Ivy Council', 2026, 'confirmed');
    await ok('PATCH', `/api/v1/partners/${ids['Ivy Council']}`, a, { archived: true });

    // youth leaves the centre's list; Elm keeps it, so it comes after the list in bySector.
    await ok('PATCH', `/api/v1/centres/${centreH}`, a, {
      sectors: ['media', 'education', 'industry', 'ngo', 'telecom'],
    });

    boardMain = (await ok('POST', '/api/v1/advisory-boards', a, { name: 'Main advisory board' })).id;
    boardEthics = (await ok('POST', '/api/v1/advisory-boards', a, { name: 'Ethics board' })).id;
    await seat(boardMain, 'Alder School', '2025-01-01');
    await seat(boardMain, 'Cedar Industries', '2024-01-01', '2026-12-30');
    await seat(boardMain, 'Hazel Press', '2026-12-31');
    await seat(boardMain, 'Juniper Works', '2027-01-01');
    await seat(boardEthics, 'Dogwood NGO', '2026-01-01', '2026-12-31');
    await seat(boardEthics, 'Ginkgo Labs', '2026-06-01');
    await seat(boardEthics, 'Fir Foundation', '2020-01-01', '2025-12-31');

    const s = sam.token;
    await partner(s, 'Quartz Org', { sector: 'industry', ownerId: sam.id });
    await partner(s, 'Ruby Org', { sector: 'industry', ownerId: sam.id });
    await partner(s, 'Sapphire Org', { sector: 'industry', ownerId: sam.id });
    await partner(s, 'Topaz Org', { sector: 'industry', ownerId: sam.id }, '2026-12-01T17:00:00Z');
    await engage(s, ['Quartz Org'], 'meeting', '2026-01-15T15:00:00Z');
    await engage(s, ['Quartz Org'], 'call', '2026-06-01T12:00:00Z');
    await engage(s, ['Ruby Org'], 'event', '2027-01-01T03:00:00Z');
    await engage(s, ['Sapphire Org'], 'sid_activity', '2026-02-01T17:00:00Z');

    const res = await dashboard(anna.token);
    expect(res.status).toBe(200);
    dash = res.body;
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('names the date and the centre', () => {
    expect(dash.asOf).toBe(AS_OF);
    expect(dash.centre).toEqual({ id: centreH, name: H_NAME, timezone: 'Europe/Brussels' });
  });

  it('partners: 13 not archived, 10 engaged, 10 overdue', () => {
    // Ivy is archived. Not engaged: Elm (last 2025-12-31 local), Kelp (never), Larch (E18 is 2027-01-01 local).
    // Not overdue: Elm (due 2027-02-04), Fir (due 2027-05-05), Kelp (due 2026-12-31 = asOf, not before it).
    expect(dash.partners).toEqual({ total: 13, engaged: 10, overdue: 10 });
  });

  it('yearRound: 7 of the 10 engaged partners met outside every SID window (rate 0.7)', () => {
    // Alder E2, Cedar E6 (local 03-29, the day after W2026), Dogwood E8 (local 2026-01-01), Fir E10, Ginkgo E11,
    // Hazel E15 (02-01: outside H's own W2026), Juniper E17. Birch (E4 local 02-26, E1), Maple and Nettle (E19) only
    // met inside W2026.
    expect(dash.yearRound).toEqual({ engaged: 10, yearRound: 7, rate: 7 / 10 });
  });

  it('seasonal: Birch, Maple and Nettle, latest first, a tie by name', () => {
    // Maple and Nettle share E19 (2026-03-20T09:00Z): by name. Birch's latest up to asOf is E1 (2026-03-10T10:00Z).
    expect(dash.seasonal).toEqual({
      count: 3,
      items: [
        seasonalItem('Maple Trust', 'ngo', '2026-03-20T09:00:00.000Z'),
        seasonalItem('Nettle Radio', 'media', '2026-03-20T09:00:00.000Z'),
        seasonalItem('Birch Media', 'media', '2026-03-10T10:00:00.000Z'),
      ],
    });
  });

  it('retention: the last three SID years whose window has ended, the newest not complete', () => {
    // 2024: cohort Hazel (E12 in W2024), Ginkgo (role delivered) = 2; retained Hazel (E13 2024-09-10) = 1.
    // 2025: cohort Birch (E5), Hazel (E14), Dogwood (role delivered, no window engagement) = 3 (not Juniper: only
    //   invited; not Ivy: archived); retained Dogwood (E8, local 2026-01-01) and Hazel (E15 2026-02-01, before H's
    //   W2026 starts on 02-26) = 2; not Birch (E4 is local 02-26, the window's first day).
    // 2026: cohort Alder, Birch, Cedar (E1), Dogwood (E7, local 03-28), Maple, Nettle (E19), Ginkgo (confirmed),
    //   Larch (delivered) = 8 (not Fir: declined; not Hazel: E15 is outside H's own window; not Ivy: archived);
    //   retained Alder (E2), Cedar (E6, local 03-29), Ginkgo (E11) = 3 (not Larch: E18 is after asOf).
    expect(dash.retention).toEqual([
      { sidYear: 2024, cohort: 2, retained: 1, rate: 1 / 2, complete: true },
      { sidYear: 2025, cohort: 3, retained: 2, rate: 2 / 3, complete: true },
      { sidYear: 2026, cohort: 8, retained: 3, rate: 3 / 8, complete: false },
    ]);
  });

  it('overdue: the ten partners whose next contact was due before asOf, most overdue first', () => {
    expect(dash.overdue).toEqual({
      count: 10,
      items: [
        overdueItem('Birch Media', anna, '2026-04-09', 266),
        overdueItem('Hazel Press', null, '2026-05-02', 243),
        overdueItem('Maple Trust', mona, '2026-06-18', 196), // tie with Nettle: by name
        overdueItem('Nettle Radio', carl, '2026-06-18', 196),
        overdueItem('Dogwood NGO', mona, '2026-06-26', 188),
        overdueItem('Cedar Industries', mona, '2026-06-27', 187),
        overdueItem('Alder School', anna, '2026-08-14', 139),
        overdueItem('Juniper Works', anna, '2026-09-29', 93),
        overdueItem('Larch Studio', mona, '2026-12-14', 17), // from its creation: E18 is after asOf
        overdueItem('Ginkgo Labs', mona, '2026-12-20', 11),
      ],
    });
  });

  it('compliance: one row per owner of a partner not archived; Ivan (nothing) and Arno (only Ivy) are absent', () => {
    // Anna: Alder, Birch, Juniper overdue, Fir not → 1/4. Carl: Nettle overdue, Elm not → 1/2.
    // Mona: Cedar, Dogwood, Ginkgo, Larch, Maple overdue, Kelp not → 1/6. Hazel has no owner.
    expect(dash.compliance).toEqual([
      { userId: anna.id, name: 'Anna Admin', owned: 4, notOverdue: 1, rate: 1 / 4 },
      { userId: carl.id, name: 'Carl Coordinator', owned: 2, notOverdue: 1, rate: 1 / 2 },
      { userId: mona.id, name: 'Mona Manager', owned: 6, notOverdue: 1, rate: 1 / 6 },
    ]);
  });

  it('engagementsByMonth: 2025-01 … 2026-12 by local month, one count per engagement', () => {
    // E1 (three partners), E17 (with the archived Ivy) and E19 (two partners) count once; E16 and E21 touch only
    // the archived Ivy; E18 is after asOf; E12, E13 are before 2025-01. E22 is local 2025-01-01, E8 local 2026-01-01.
    expect(dash.engagementsByMonth).toEqual([
      { month: '2025-01', type: 'other', count: 1 }, // E22
      { month: '2025-02', type: 'sid_activity', count: 2 }, // E5, E14
      { month: '2025-06', type: 'meeting', count: 1 }, // E20
      { month: '2025-12', type: 'meeting', count: 1 }, // E9
      { month: '2026-01', type: 'email', count: 1 }, // E8
      { month: '2026-02', type: 'call', count: 1 }, // E15
      { month: '2026-02', type: 'sid_activity', count: 1 }, // E4
      { month: '2026-03', type: 'call', count: 1 }, // E7
      { month: '2026-03', type: 'event', count: 1 }, // E1
      { month: '2026-03', type: 'meeting', count: 1 }, // E6
      { month: '2026-03', type: 'sid_activity', count: 1 }, // E19
      { month: '2026-05', type: 'training', count: 1 }, // E10
      { month: '2026-06', type: 'call', count: 1 }, // E2
      { month: '2026-07', type: 'meeting', count: 1 }, // E17
      { month: '2026-11', type: 'study_visit', count: 1 }, // E11
    ]);
  });

  it("sidWindows: the windows touching 2025-01-01 … 2026-12-31, with the centre's own 2026 date", () => {
    // W2024 ends 2024-02-16 and W2027 starts 2027-01-20: both outside.
    expect(dash.sidWindows).toEqual([
      { year: 2025, date: '2025-02-11', start: '2025-01-22', end: '2025-02-21' },
      { year: 2026, date: '2026-03-18', start: '2026-02-26', end: '2026-03-28' },
    ]);
  });

  it("bySector: the centre's sectors in its order, then youth (no longer on the list, still Elm's)", () => {
    // media: Birch (seasonal), Hazel (year-round), Kelp (not engaged), Nettle (seasonal)
    // education: Alder (year-round), Larch (not engaged); industry: Cedar, Ginkgo, Juniper (all year-round)
    // ngo: Dogwood, Fir (year-round), Maple (seasonal); Ivy is archived; telecom: nobody; youth: Elm (not engaged)
    expect(dash.bySector).toEqual([
      { sector: 'media', partners: 4, engaged: 3, yearRound: 1 },
      { sector: 'education', partners: 2, engaged: 1, yearRound: 1 },
      { sector: 'industry', partners: 3, engaged: 3, yearRound: 3 },
      { sector: 'ngo', partners: 3, engaged: 3, yearRound: 2 },
      { sector: 'telecom', partners: 0, engaged: 0, yearRound: 0 },
      { sector: 'youth', partners: 1, engaged: 0, yearRound: 0 },
    ]);
  });

  it('boards: each board by name, its coverage on asOf (terms ending or starting on the edge)', async () => {
    // Ethics: Dogwood (ngo, ends on asOf: covers), Ginkgo (industry), Fir (ended 2025) → education missing.
    // Main: Alder (education), Hazel (media, starts on asOf); Cedar ended the day before, Juniper starts the day
    // after → industry and ngo missing; media is covered but not required, so it comes after the required ones.
    expect(dash.boards).toEqual([
      {
        id: boardEthics,
        name: 'Ethics board',
        requiredSectors: REQUIRED,
        coveredSectors: ['industry', 'ngo'],
        missingSectors: ['education'],
      },
      {
        id: boardMain,
        name: 'Main advisory board',
        requiredSectors: REQUIRED,
        coveredSectors: ['education', 'media'],
        missingSectors: ['industry', 'ngo'],
      },
    ]);
    // The same as the boards' own coverage route.
    for (const board of dash.boards as { id: string }[]) {
      const { asOf, ...coverage } = await ok(
        'GET',
        `/api/v1/advisory-boards/${board.id}/coverage?asOf=${AS_OF}`,
        anna.token,
      );
      expect(asOf).toBe(AS_OF);
      expect(board).toMatchObject(coverage);
    }
  });

  it("ownerId narrows the partner figures to Mona's partners; boards and windows stay", async () => {
    // Mona owns Cedar, Dogwood, Ginkgo, Kelp, Larch, Maple.
    const res = await dashboard(anna.token, `asOf=${AS_OF}&ownerId=${mona.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      asOf: AS_OF,
      centre: dash.centre,
      // engaged: Cedar, Dogwood, Ginkgo, Maple; overdue: all but Kelp
      partners: { total: 6, engaged: 4, overdue: 5 },
      yearRound: { engaged: 4, yearRound: 3, rate: 3 / 4 },
      seasonal: { count: 1, items: [seasonalItem('Maple Trust', 'ngo', '2026-03-20T09:00:00.000Z')] },
      retention: [
        // 2024: Ginkgo (role), not retained; 2025: Dogwood (role), retained by E8;
        // 2026: Cedar, Dogwood, Ginkgo, Larch, Maple, retained Cedar and Ginkgo.
        { sidYear: 2024, cohort: 1, retained: 0, rate: 0, complete: true },
        { sidYear: 2025, cohort: 1, retained: 1, rate: 1, complete: true },
        { sidYear: 2026, cohort: 5, retained: 2, rate: 2 / 5, complete: false },
      ],
      overdue: {
        count: 5,
        items: [
          overdueItem('Maple Trust', mona, '2026-06-18', 196),
          overdueItem('Dogwood NGO', mona, '2026-06-26', 188),
          overdueItem('Cedar Industries', mona, '2026-06-27', 187),
          overdueItem('Larch Studio', mona, '2026-12-14', 17),
          overdueItem('Ginkgo Labs', mona, '2026-12-20', 11),
        ],
      },
      compliance: [{ userId: mona.id, name: 'Mona Manager', owned: 6, notOverdue: 1, rate: 1 / 6 }],
      // E20 (Maple), E8 (Dogwood), E7 (Dogwood), E1 (with Cedar), E6 (Cedar), E19 (with Maple), E11 (Ginkgo)
      engagementsByMonth: [
        { month: '2025-06', type: 'meeting', count: 1 },
        { month: '2026-01', type: 'email', count: 1 },
        { month: '2026-03', type: 'call', count: 1 },
        { month: '2026-03', type: 'event', count: 1 },
        { month: '2026-03', type: 'meeting', count: 1 },
        { month: '2026-03', type: 'sid_activity', count: 1 },
        { month: '2026-11', type: 'study_visit', count: 1 },
      ],
      sidWindows: dash.sidWindows,
      // No youth row: none of Mona's partners is in youth.
      bySector: [
        { sector: 'media', partners: 1, engaged: 0, yearRound: 0 }, // Kelp
        { sector: 'education', partners: 1, engaged: 0, yearRound: 0 }, // Larch
        { sector: 'industry', partners: 2, engaged: 2, yearRound: 2 }, // Cedar, Ginkgo
        { sector: 'ngo', partners: 2, engaged: 2, yearRound: 1 }, // Dogwood, Maple (seasonal)
        { sector: 'telecom', partners: 0, engaged: 0, yearRound: 0 },
      ],
      boards: dash.boards,
    });
  });

  it('an ownerId owning nothing (here or in another centre) gives zeros, not an error', async () => {
    const zeros = {
      asOf: AS_OF,
      centre: dash.centre,
      partners: { total: 0, engaged: 0, overdue: 0 },
      yearRound: { engaged: 0, yearRound: 0, rate: null },
      seasonal: { count: 0, items: [] },
      retention: [
        { sidYear: 2024, cohort: 0, retained: 0, rate: null, complete: true },
        { sidYear: 2025, cohort: 0, retained: 0, rate: null, complete: true },
        { sidYear: 2026, cohort: 0, retained: 0, rate: null, complete: false },
      ],
      overdue: { count: 0, items: [] },
      compliance: [],
      engagementsByMonth: [],
      sidWindows: dash.sidWindows,
      bySector: ['media', 'education', 'industry', 'ngo', 'telecom'].map((sector) => ({
        sector,
        partners: 0,
        engaged: 0,
        yearRound: 0,
      })),
      boards: dash.boards,
    };
    // Ivan owns nothing; Arno owns only the archived Ivy; Sam owns S's four partners, which never count in H.
    for (const owner of [ivan, arno, sam]) {
      const res = await dashboard(anna.token, `asOf=${AS_OF}&ownerId=${owner.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(zeros);
    }
  });

  it('lets a coordinator and a manager read the centre dashboard, with the same figures', async () => {
    for (const member of [carl, mona]) {
      const res = await dashboard(member.token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(dash);
    }
    expect((await call(app, 'GET', `${DASHBOARD}?asOf=${AS_OF}`)).status).toBe(401);
  });

  it("defaults asOf to today in the centre's time zone, from the app clock", async () => {
    // 2026-12-31T23:40Z is already 2027-01-01 00:40 in Brussels (UTC would still say 2026-12-31).
    clock.set(new Date('2026-12-31T23:40:00Z'));
    const byDefault = await call(app, 'GET', DASHBOARD, { token: anna.token });
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.asOf).toBe('2027-01-01');
    expect(byDefault.body).toEqual((await dashboard(anna.token, 'asOf=2027-01-01')).body);
    // The network admin's own centre (the first run's) is in Brussels too.
    const networkDefault = await call(app, 'GET', NETWORK, { token: network.token });
    expect(networkDefault.status).toBe(200);
    expect(networkDefault.body.asOf).toBe('2027-01-01');
  });

  it('gives the same figures when asOf is today, an engagement logged ahead of the clock still not counting', async () => {
    // 2026-12-31T22:50Z is 23:50 on 2026-12-31 in Brussels: asOf is today. E18 (23:30Z, 00:30 on 2027-01-01 there)
    // is then 40 minutes ahead of the clock, which the API accepts (up to a day ahead); its day is after asOf, so it
    // counts nowhere (decision 2): Larch's next contact is still due 2026-12-14, from its creation, 17 days ago.
    clock.set(new Date('2026-12-31T22:50:00Z'));
    try {
      const byDefault = await call(app, 'GET', DASHBOARD, { token: anna.token });
      expect(byDefault.status).toBe(200);
      expect(byDefault.body.asOf).toBe(AS_OF);
      expect(byDefault.body.overdue.items).toContainEqual(overdueItem('Larch Studio', mona, '2026-12-14', 17));
      expect(byDefault.body).toEqual(dash);
      const row = (await call(app, 'GET', `${NETWORK}?asOf=${AS_OF}`, { token: network.token })).body.centres.find(
        (c: { centreId: string }) => c.centreId === centreH,
      );
      expect(row).toMatchObject({ overdueCount: 10, complianceRate: 3 / 12 });
    } finally {
      clock.set(new Date('2026-12-31T23:20:00Z'));
    }
  });

  it("never counts another centre's data: S's own dashboard holds only S", async () => {
    const res = await dashboard(sam.token);
    expect(res.status).toBe(200);
    // Windows of S touching 2025-01-01 … 2026-12-31: W2025 (from 2024-12-31), W2026, W2027 (from 2026-12-29).
    expect(res.body).toEqual({
      asOf: AS_OF,
      centre: { id: centreS, name: S_NAME, timezone: 'America/New_York' },
      partners: { total: 4, engaged: 3, overdue: 2 },
      yearRound: { engaged: 3, yearRound: 1, rate: 1 / 3 },
      seasonal: {
        count: 2,
        items: [
          seasonalItem('Ruby Org', 'industry', '2027-01-01T03:00:00.000Z'),
          seasonalItem('Sapphire Org', 'industry', '2026-02-01T17:00:00.000Z'),
        ],
      },
      retention: [
        { sidYear: 2024, cohort: 0, retained: 0, rate: null, complete: true },
        { sidYear: 2025, cohort: 0, retained: 0, rate: null, complete: true },
        // Quartz (retained by 06-01) and Sapphire; W2027 opened on 2026-12-29.
        { sidYear: 2026, cohort: 2, retained: 1, rate: 1 / 2, complete: true },
      ],
      overdue: {
        count: 2,
        items: [overdueItem('Sapphire Org', sam, '2026-05-02', 243), overdueItem('Quartz Org', sam, '2026-08-30', 123)],
      },
      compliance: [{ userId: sam.id, name: 'Sam Second', owned: 4, notOverdue: 2, rate: 1 / 2 }],
      engagementsByMonth: [
        { month: '2026-01', type: 'meeting', count: 1 },
        { month: '2026-02', type: 'sid_activity', count: 1 },
        { month: '2026-06', type: 'call', count: 1 },
        { month: '2026-12', type: 'event', count: 1 }, // Ruby: 2026-12-31 22:00 in New York
      ],
      sidWindows: [
        { year: 2025, date: '2025-02-11', start: '2024-12-31', end: '2025-02-25' },
        { year: 2026, date: '2026-02-10', start: '2025-12-30', end: '2026-02-24' },
        { year: 2027, date: '2027-02-09', start: '2026-12-29', end: '2027-02-23' },
      ],
      bySector: DEFAULT_SECTORS.map((sector) =>
        sector === 'industry'
          ? { sector, partners: 4, engaged: 3, yearRound: 1 }
          : { sector, partners: 0, engaged: 0, yearRound: 0 },
      ),
      boards: [],
    });
    // And nothing of S shows in H's dashboard.
    const text = JSON.stringify(dash);
    for (const name of ['Quartz Org', 'Ruby Org', 'Sapphire Org', 'Topaz Org'] as const) {
      expect(text).not.toContain(name);
      expect(text).not.toContain(ids[name]);
    }
    expect(text).not.toContain(sam.id);
    expect(text).not.toContain(centreS);
  });

  describe('the network dashboard', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let net: any;
    let netText: string;

    beforeAll(async () => {
      const res = await call(app, 'GET', `${NETWORK}?asOf=${AS_OF}`, { token: network.token });
      expect(res.status).toBe(200);
      net = res.body;
      netText = JSON.stringify(res.body);
    });

    it("gives H's row the centre route's figures", () => {
      const row = (net.centres as { centreId: string }[]).find((c) => c.centreId === centreH);
      // complianceRate: not overdue / owned over owned partners: Anna 1/4, Carl 1/2, Mona 1/6 → 3/12.
      expect(row).toEqual({
        centreId: centreH,
        name: H_NAME,
        country: 'BE',
        partners: 13,
        engaged: 10,
        yearRoundRate: 7 / 10,
        seasonalCount: 3,
        overdueCount: 10,
        retention: dash.retention,
        complianceRate: 3 / 12,
      });
    });

    it('lists every centre by name, each in its own time zone, and totals over all partners', async () => {
      const [centreFName] = await query<{ name: string }>(app.databaseUrl, 'SELECT name FROM centre WHERE id = $1', [
        centreF,
      ]);
      const emptyRetention = [2024, 2025, 2026].map((sidYear) => ({
        sidYear,
        cohort: 0,
        retained: 0,
        rate: null,
        // F keeps the defaults: W2027 opened on 2026-12-29, so even 2026 is complete.
        complete: true,
      }));
      expect(net).toEqual({
        asOf: AS_OF,
        centres: [
          expect.objectContaining({ centreId: centreH }),
          {
            centreId: centreF,
            name: centreFName!.name,
            country: 'BE',
            partners: 0,
            engaged: 0,
            yearRoundRate: null,
            seasonalCount: 0,
            overdueCount: 0,
            retention: emptyRetention,
            complianceRate: null,
          },
          {
            centreId: centreS,
            name: S_NAME,
            country: 'US',
            partners: 4,
            engaged: 3, // Ruby's engagement is 2026-12-31 in New York, though 2027-01-01 in UTC
            yearRoundRate: 1 / 3,
            seasonalCount: 2,
            overdueCount: 2,
            retention: [
              { sidYear: 2024, cohort: 0, retained: 0, rate: null, complete: true },
              { sidYear: 2025, cohort: 0, retained: 0, rate: null, complete: true },
              { sidYear: 2026, cohort: 2, retained: 1, rate: 1 / 2, complete: true },
            ],
            complianceRate: 2 / 4,
          },
        ],
        // Rates over all partners: year-round (7 + 1) / (10 + 3) = 8/13, not the mean of 0.7 and 1/3;
        // compliance (3 + 2) / (12 + 4) = 5/16, not the mean of 0.25 and 0.5.
        total: {
          partners: 17,
          engaged: 13,
          yearRoundRate: 8 / 13,
          seasonalCount: 5,
          overdueCount: 12,
          complianceRate: 5 / 16,
        },
      });
    });

    it('holds no partner, contact or user names and no email addresses', () => {
      expect(personal.length).toBeGreaterThan(20);
      for (const value of personal) expect(netText).not.toContain(value);
      expect(netText).not.toMatch(/@/);
    });

    it('is for network admins only: 403 for a coordinator, a manager and an admin, 401 signed out', async () => {
      for (const member of [carl, mona, anna, sam]) {
        const res = await call(app, 'GET', `${NETWORK}?asOf=${AS_OF}`, { token: member.token });
        expect(res.status).toBe(403);
      }
      expect((await call(app, 'GET', `${NETWORK}?asOf=${AS_OF}`)).status).toBe(401);
    });
  });

  it('refuses a bad asOf or ownerId with 400 problem+json naming the field', async () => {
    const cases: [string, string, string][] = [
      [DASHBOARD, 'asOf=2026-02-30', 'asOf'],
      [DASHBOARD, 'asOf=1800-01-01', 'asOf'],
      [DASHBOARD, 'asOf=abc', 'asOf'],
      [DASHBOARD, 'asOf=2200-01-01', 'asOf'],
      [DASHBOARD, 'ownerId=x', 'ownerId'],
      [NETWORK, 'asOf=2026-02-30', 'asOf'],
      [NETWORK, 'asOf=1800-01-01', 'asOf'],
      [NETWORK, 'asOf=abc', 'asOf'],
    ];
    for (const [path, params, field] of cases) {
      const res = await call(app, 'GET', `${path}?${params}`, { token: network.token });
      expect({ params, status: res.status }).toEqual({ params, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(res.body)).toEqual([field]);
    }
    // The edges of the accepted range are fine.
    for (const asOf of ['1900-01-01', '2199-12-31'])
      expect((await dashboard(anna.token, `asOf=${asOf}`)).status).toBe(200);
  });
});
