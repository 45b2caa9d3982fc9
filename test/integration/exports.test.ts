import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

/** RFC 4180 as the export writes it: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) field += ch;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}

describe('exports', () => {
  let app: TestApp;
  let t: TwoCentres;

  const download = async (path: string, token = t.aCoordinator.token) => {
    const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { res, bytes, rows: res.ok ? parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')) : [] };
  };

  async function seedPartner(centreId: string, name: string, sector = 'education'): Promise<string> {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector, search_text) VALUES ($1, $2, $3, keepwarm_fold($2)) RETURNING id`,
      [centreId, name, sector],
    );
    return row!.id;
  }

  let aSchool: string;
  let aBank: string;
  let bPartner: string;

  beforeAll(async () => {
    app = await bootApp();
    t = await seedTwoCentres(app);
    aSchool = await seedPartner(t.a, 'École Saint-Exupéry');
    aBank = await seedPartner(t.a, '=HYPERLINK("x")', 'industry');
    bPartner = await seedPartner(t.b, 'Centre B partner');
    await query(
      app.databaseUrl,
      `INSERT INTO contact (centre_id, partner_id, name, email, phone, lawful_basis, consent_date, do_not_contact)
       VALUES ($1, $2, 'Ada Open', 'ada@example.org', '+33 1 23', 'consent', '2026-01-15', false),
              ($1, $2, 'Bea Quiet', 'bea@example.org', '+33 4 56', 'legitimate_interest', NULL, true),
              ($3, $4, 'Cy Other', 'cy@example.org', NULL, 'legitimate_interest', NULL, false)`,
      [t.a, aSchool, t.b, bPartner],
    );
    const engagements = [
      [t.a, aSchool, 'call', '2026-02-10T10:00:00Z'],
      [t.a, aSchool, 'meeting', '2026-03-10T10:00:00Z'],
      [t.a, aBank, 'call', '2026-03-20T10:00:00Z'],
      [t.b, bPartner, 'call', '2026-03-10T10:00:00Z'],
    ];
    for (const [centre, partner, type, at] of engagements) {
      await query(
        app.databaseUrl,
        `WITH e AS (INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, $3, $4, 'Seeded') RETURNING id)
         INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at) SELECT id, $2, $1, $4 FROM e`,
        [centre, partner, type, at],
      );
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('writes UTF-8 with a BOM, a header row, text/csv and an attachment name', async () => {
    const { res, bytes } = await download('/api/v1/export/partners.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="partners.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toMatch(/^id,name,sector,tier,status,/);
    expect(text).toContain('École Saint-Exupéry');
  });

  it('neutralises a formula and never shows another centre', async () => {
    const { rows } = await download('/api/v1/export/partners.csv');
    expect(rows.map((r) => r.name).sort()).toEqual(['\'=HYPERLINK("x")', 'École Saint-Exupéry']);
    expect(rows.map((r) => r.name)).not.toContain('Centre B partner');
    const b = await download('/api/v1/export/partners.csv', t.bCoordinator.token);
    expect(b.rows.map((r) => r.name)).toEqual(['Centre B partner']);
  });

  it("applies the partner list's filters, and refuses a bad one with a 400 naming it", async () => {
    const { rows } = await download('/api/v1/export/partners.csv?sector=industry');
    expect(rows.map((r) => r.id)).toEqual([aBank]);
    const search = await download(`/api/v1/export/partners.csv?search=${encodeURIComponent('ecole')}`);
    expect(search.rows.map((r) => r.id)).toEqual([aSchool]);
    const bad = await call(app, 'GET', '/api/v1/export/partners.csv?status=nope&page=2', {
      token: t.aCoordinator.token,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['page', 'status']);
  });

  it('exports engagements with from, to, type and partnerId, with ISO dates and partner names', async () => {
    const all = await download('/api/v1/export/engagements.csv');
    expect(all.rows).toHaveLength(3);
    const march = await download('/api/v1/export/engagements.csv?from=2026-03-01&to=2026-03-31&type=call');
    expect(march.rows).toHaveLength(1);
    expect(march.rows[0]).toMatchObject({
      occurred_at: '2026-03-20T10:00:00.000Z',
      type: 'call',
      partners: '\'=HYPERLINK("x")',
      partner_ids: aBank,
    });
    const school = await download(`/api/v1/export/engagements.csv?partnerId=${aSchool}`);
    expect(school.rows.map((r) => r.type).sort()).toEqual(['call', 'meeting']);
    const other = await download(`/api/v1/export/engagements.csv?partnerId=${bPartner}`);
    expect(other.rows).toEqual([]);
    const bad = await call(app, 'GET', '/api/v1/export/engagements.csv?from=2026-03-31&to=2026-03-01', {
      token: t.aCoordinator.token,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['to']);
  });

  it('exports contacts with lawful basis and consent date; do-not-contact people without email or phone', async () => {
    const { rows } = await download('/api/v1/export/contacts.csv', t.aManager.token);
    expect(rows).toHaveLength(2);
    const ada = rows.find((r) => r.name === 'Ada Open')!;
    expect(ada).toMatchObject({
      partner: 'École Saint-Exupéry',
      email: 'ada@example.org',
      phone: "'+33 1 23",
      lawful_basis: 'consent',
      consent_date: '2026-01-15',
      do_not_contact: 'false',
    });
    const bea = rows.find((r) => r.name === 'Bea Quiet')!;
    expect(bea).toMatchObject({ email: '', phone: '', do_not_contact: 'true', lawful_basis: 'legitimate_interest' });
    const text = (await download('/api/v1/export/contacts.csv')).bytes.toString('utf8');
    expect(text).not.toContain('bea@example.org');
    expect(text).not.toContain('cy@example.org');
  });

  it('streams every row of a long history, batch after batch', async () => {
    const partner = await seedPartner(t.a, 'Busy partner');
    await query(
      app.databaseUrl,
      `WITH e AS (
         INSERT INTO engagement (centre_id, type, occurred_at, summary)
         SELECT $1, 'email', timestamptz '2025-01-01' + n * interval '1 hour', 'Bulk ' || n FROM generate_series(1, 2000) n
         RETURNING id, occurred_at)
       INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at)
       SELECT id, $2, $1, occurred_at FROM e`,
      [t.a, partner],
    );
    const { rows } = await download(`/api/v1/export/engagements.csv?partnerId=${partner}`);
    expect(rows).toHaveLength(2000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2000);
    expect(rows.every((r) => r.partners === 'Busy partner')).toBe(true);
  });

  it('is linked from the partner and engagement lists with their filters', async () => {
    const page = async (path: string) => {
      const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${t.aCoordinator.token}` } });
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(await page('/partners?sector=industry&sort=-name')).toContain(
      'href="/api/v1/export/partners.csv?sector=industry"',
    );
    expect(await page(`/engagements?type=call&partnerId=${aSchool}`)).toContain(
      `href="/api/v1/export/engagements.csv?partnerId=${aSchool}&amp;type=call"`,
    );
    const { rows } = await download(
      `/api/v1/export/engagements.csv?partnerId=${aSchool}&type=call&loggedById=${t.aCoordinator.id}`,
    );
    expect(rows).toEqual([]);
  });

  it('is for signed-in members only', async () => {
    const res = await call(app, 'GET', '/api/v1/export/contacts.csv');
    expect(res.status).toBe(401);
  });
});
