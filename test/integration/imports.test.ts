import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { seedMember, seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

interface Report {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  errors: { row: number; column: string | null; message: string }[];
  warnings: { row: number; column: string | null; message: string }[];
  detail?: string;
  status?: number;
}

/** A spreadsheet's export as Excel writes it in Belgium: BOM, `;`, CRLF, accents, quoted separators and a line break. */
const GOOD =
  '\uFEFFOrganisation;Secteur;Sector;Site;Country;Tags;Notes;Contact name;Contact e-mail;Favourite colour\r\n' +
  'École Saint-Exupéry;x;education;https://www.ecole-se.example/;be;sid | schools;"Visits; talks";Zoë Dupré;ZOE@ecole-se.example;blue\r\n' +
  '"Telco; Belgium SA";x;telecom;https://telco.example;BE;;"First line\r\nsecond line";;;\r\n' +
  '"Bank ""Quote"" NV";x;industry;;;;;Ann Bank;ann@bank.example;\r\n';

describe('partner import (POST /api/v1/import/partners)', () => {
  let app: TestApp;
  let t: TwoCentres;
  let inactive: Member;

  const upload = async (
    content: string | Buffer,
    options: { token?: string; dryRun?: boolean; onMatch?: string; field?: string } = {},
  ): Promise<{ status: number; type: string | null; body: Report }> => {
    const form = new FormData();
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    form.append(options.field ?? 'file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), 'partners.csv');
    const params = new URLSearchParams();
    if (options.dryRun !== undefined) params.set('dryRun', String(options.dryRun));
    if (options.onMatch) params.set('onMatch', options.onMatch);
    const res = await fetch(`${app.url}/api/v1/import/partners?${params}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token ?? t.aManager.token}` },
      body: form,
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Report };
  };

  const countsOfA = async () => {
    const [row] = await query<{ partners: number; contacts: number; audits: number }>(
      app.databaseUrl,
      `SELECT (SELECT count(*)::int FROM partner WHERE centre_id = $1) AS partners,
              (SELECT count(*)::int FROM contact WHERE centre_id = $1) AS contacts,
              (SELECT count(*)::int FROM audit_event WHERE centre_id = $1) AS audits`,
      [t.a],
    );
    return row!;
  };

  /** A broken file: a 422 (or 413) problem+json naming the problem, and nothing written even with dryRun=false. */
  const refused = async (content: string | Buffer, status = 422) => {
    const before = await countsOfA();
    const res = await upload(content, { dryRun: false });
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(await countsOfA()).toEqual(before);
    return res.body;
  };

  beforeAll(async () => {
    app = await bootApp();
    t = await seedTwoCentres(app);
    inactive = await seedMember(app, t.a, 'coordinator');
    await query(app.databaseUrl, 'UPDATE app_user SET active = false WHERE id = $1', [inactive.id]);
    // Centre B's partner of the same name: matching must never see it.
    await query(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector, search_text) VALUES ($1, 'Zephyr Media', 'telecom', 'zephyr media')`,
      [t.b],
    );
  });
  afterAll(() => app?.close());

  it('checks a spreadsheet export in a dry run, reporting unknown columns and writing nothing', async () => {
    const before = await countsOfA();
    const res = await upload(GOOD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dryRun: true,
      rows: 3,
      created: 3,
      updated: 0,
      skipped: 0,
      errors: [],
      warnings: [
        { row: 1, column: 'Secteur', message: expect.stringContaining('ignored') },
        { row: 1, column: 'Favourite colour', message: expect.stringContaining('ignored') },
      ],
    });
    expect(await countsOfA()).toEqual(before);
  });

  it('imports the file in one go: partners, their contacts, search text and audit rows', async () => {
    const res = await upload(GOOD, { dryRun: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: 3, created: 3, updated: 0, skipped: 0 });

    const partners = await query<Record<string, unknown>>(
      app.databaseUrl,
      `SELECT name, sector, website, country, tags, notes, search_text FROM partner WHERE centre_id = $1 ORDER BY sector`,
      [t.a],
    );
    expect(partners).toEqual([
      expect.objectContaining({
        name: 'École Saint-Exupéry',
        website: 'https://www.ecole-se.example/',
        country: 'BE',
        tags: ['sid', 'schools'],
        notes: 'Visits; talks',
      }),
      expect.objectContaining({ name: 'Bank "Quote" NV', sector: 'industry', website: null, tags: [] }),
      expect.objectContaining({ name: 'Telco; Belgium SA', notes: 'First line\r\nsecond line', country: 'BE' }),
    ]);
    // The contact's name and email are searchable from the partner list, accents folded, as after POST /contacts.
    const found = await call(app, 'GET', '/api/v1/partners?search=zoe dupre', { token: t.aCoordinator.token });
    expect(found.body.items.map((p: { name: string }) => p.name)).toEqual(['École Saint-Exupéry']);
    const contacts = await query<{ name: string; email: string }>(
      app.databaseUrl,
      'SELECT name, email FROM contact WHERE centre_id = $1 ORDER BY name',
      [t.a],
    );
    expect(contacts).toEqual([
      { name: 'Ann Bank', email: 'ann@bank.example' },
      { name: 'Zoë Dupré', email: 'zoe@ecole-se.example' },
    ]);

    const audits = await query<{ entity_type: string; n: number; after: Record<string, unknown> | null }>(
      app.databaseUrl,
      `SELECT entity_type, count(*)::int AS n, (array_agg(after))[1] AS after FROM audit_event
        WHERE centre_id = $1 AND actor_id = $2 AND action = 'create' GROUP BY entity_type ORDER BY entity_type`,
      [t.a, t.aManager.id],
    );
    expect(audits).toEqual([
      { entity_type: 'contact', n: 2, after: expect.objectContaining({ name: '[personal data]' }) },
      { entity_type: 'partner', n: 3, after: expect.objectContaining({ centreId: t.a }) },
      {
        entity_type: 'partner_import',
        n: 1,
        after: expect.objectContaining({ rows: 3, created: 3, updated: 0, skipped: 0, contactsCreated: 2 }),
      },
    ]);

    // The search text the import wrote is the one refreshSearchText would write (that statement, as a query).
    const search = await query<{ search_text: string; refreshed: string }>(
      app.databaseUrl,
      `SELECT p.search_text, keepwarm_fold(concat_ws(' ', p.name, array_to_string(p.tags, ' '),
              (SELECT string_agg(concat_ws(' ', c.name, c.email), ' ') FROM contact c
                WHERE c.partner_id = p.id AND c.erased_at IS NULL))) AS refreshed
         FROM partner p WHERE p.centre_id = $1`,
      [t.a],
    );
    expect(search).toHaveLength(3);
    for (const { search_text, refreshed } of search) expect(search_text).toBe(refreshed);
  });

  it('audits each imported partner and contact with the same snapshot as one created through the API', async () => {
    // Made one at a time in centre B (the JavaScript snapshot), against the import's rows in centre A (built in SQL).
    const partner = await call(app, 'POST', '/api/v1/partners', {
      token: t.bManager.token,
      body: { name: 'One At A Time', sector: 'telecom', tags: ['sid'] },
    });
    expect(partner.status).toBe(201);
    const contact = await call(app, 'POST', `/api/v1/partners/${partner.body.id}/contacts`, {
      token: t.bManager.token,
      body: { name: 'Ann Other', email: 'ann@other.example' },
    });
    expect(contact.status).toBe(201);
    const afterOf = async (centreId: string, entityType: string, entityId?: string) => {
      const [row] = await query<{ after: Record<string, unknown> }>(
        app.databaseUrl,
        `SELECT after FROM audit_event WHERE centre_id = $1 AND entity_type = $2 AND action = 'create'
            AND ($3::text IS NULL OR entity_id = $3) ORDER BY id LIMIT 1`,
        [centreId, entityType, entityId ?? null],
      );
      return row!.after;
    };
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const [entityType, id] of [
      ['partner', partner.body.id as string],
      ['contact', contact.body.id as string],
    ] as const) {
      const single = await afterOf(t.b, entityType, id);
      const imported = await afterOf(t.a, entityType);
      expect(Object.keys(imported).sort()).toEqual(Object.keys(single).sort());
      expect(imported.createdAt).toMatch(iso);
      expect(single.createdAt).toMatch(iso);
      // Where both have a value, it is of the same JSON type (a timestamp a string, tags an array…).
      const shape = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);
      for (const key of Object.keys(single).filter((k) => single[k] !== null && imported[k] !== null))
        expect([key, shape(imported[key])]).toEqual([key, shape(single[key])]);
    }
    const importedContact = await afterOf(t.a, 'contact');
    expect(importedContact).toMatchObject({ name: '[personal data]', email: '[personal data]', phone: null });
  });

  it('re-imports with onMatch=skip, update and create', async () => {
    // Matched by normalised name (case, accents, legal form) or by website domain.
    const again =
      'name,sector,website,region,contactName,contactEmail\n' +
      'ECOLE SAINT EXUPERY,education,,Brabant,Zoë Dupré,zoe@ecole-se.example\n' +
      'Telecom of Belgium,telecom,http://TELCO.example/about,Liège,Tom Tel,tom@telco.example\n' +
      'New Partner,government,,,,\n';

    const skip = await upload(again, { dryRun: false, onMatch: 'skip' });
    expect(skip.body).toMatchObject({ rows: 3, created: 1, updated: 0, skipped: 2 });
    expect((await countsOfA()).partners).toBe(4);

    const dry = await upload(again, { onMatch: 'update' });
    expect(dry.body).toMatchObject({ dryRun: true, created: 0, updated: 3, skipped: 0 });

    const update = await upload(again.replace('New Partner,government', 'Newer Partner,government'), {
      dryRun: false,
      onMatch: 'update',
    });
    expect(update.body).toMatchObject({ rows: 3, created: 1, updated: 2, skipped: 0 });
    const telco = await query<{ id: string; name: string; region: string; website: string; notes: string }>(
      app.databaseUrl,
      `SELECT id, name, region, website, notes FROM partner WHERE centre_id = $1 AND name = 'Telecom of Belgium'`,
      [t.a],
    );
    // Given cells overwrite; empty ones leave the field as it was.
    expect(telco).toEqual([
      expect.objectContaining({
        region: 'Liège',
        website: 'http://TELCO.example/about',
        notes: 'First line\r\nsecond line',
      }),
    ]);
    const people = await query<{ partner: string; email: string }>(
      app.databaseUrl,
      `SELECT p.name AS partner, c.email FROM contact c JOIN partner p ON p.id = c.partner_id
        WHERE c.centre_id = $1 ORDER BY c.email`,
      [t.a],
    );
    // Zoë was there already (same email): not added twice; Tom is new to the partner.
    expect(people).toEqual([
      { partner: 'Bank "Quote" NV', email: 'ann@bank.example' },
      { partner: 'Telecom of Belgium', email: 'tom@telco.example' },
      { partner: 'ECOLE SAINT EXUPERY', email: 'zoe@ecole-se.example' },
    ]);
    const updates = await query<{ n: number }>(
      app.databaseUrl,
      `SELECT count(*)::int AS n FROM audit_event WHERE centre_id = $1 AND entity_type = 'partner' AND action = 'update'`,
      [t.a],
    );
    expect(updates[0]!.n).toBe(2);

    const create = await upload(again, { dryRun: false, onMatch: 'create' });
    expect(create.body).toMatchObject({ rows: 3, created: 3, updated: 0, skipped: 0 });
    expect((await countsOfA()).partners).toBe(8);
  });

  it('reads a Windows-1252 file (Excel on Windows) with its accents', async () => {
    const bytes = iconv.encode('name;sector\r\nCrèche Hélène Müller;education\r\n', 'win1252');
    const res = await upload(bytes, { dryRun: false });
    expect(res.body).toMatchObject({ rows: 1, created: 1 });
    const [row] = await query<{ n: number }>(
      app.databaseUrl,
      `SELECT count(*)::int AS n FROM partner WHERE centre_id = $1 AND name = 'Crèche Hélène Müller'`,
      [t.a],
    );
    expect(row!.n).toBe(1);
  });

  it('reports every problem of every row, and writes nothing even with dryRun=false', async () => {
    const file =
      'name,sector,website,ownerEmail,contactName,contactEmail\n' +
      `Good One,education,,${t.aManager.email.toUpperCase()},,\n` +
      'Bad Sector,aviation,,,,\n' +
      'Bad Address,education,not a url,,Al,al@\n' +
      `Other Owner,education,,${t.bManager.email},,\n` +
      `Gone Owner,education,,${inactive.email},,\n` +
      ',education,,,,\n' +
      'good one ltd,education,,,,\n' +
      'Same Site,education,https://same.example,,,\n' +
      'Same Site Again,education,http://www.same.example/x,,,\n' +
      'No Name Contact,education,,,,someone@example.org\n';
    const body = await refused(file);
    expect(body.detail).toMatch(/problems; nothing was imported/);
    expect(body.errors).toEqual([
      { row: 3, column: 'sector', message: expect.stringContaining("centre's sectors") },
      { row: 4, column: 'website', message: 'website must be an http(s) address' },
      { row: 4, column: 'contactEmail', message: 'contactEmail must be an email address' },
      { row: 5, column: 'ownerEmail', message: expect.stringContaining('not an active user of this centre') },
      { row: 6, column: 'ownerEmail', message: expect.stringContaining('not an active user of this centre') },
      { row: 7, column: 'name', message: 'name should not be empty' },
      { row: 8, column: 'name', message: 'The same partner as row 2 (same name)' },
      { row: 10, column: 'website', message: 'The same partner as row 9 (same website domain)' },
      { row: 11, column: 'contactName', message: 'contactName should not be empty' },
    ]);
  });

  it('writes nothing when a problem comes after thousands of good rows (already sent to the database)', async () => {
    // A commit writes the new partners a chunk at a time while it reads on: the late problem must undo them all.
    const lines = ['name,sector,contactName,contactEmail'];
    for (let i = 1; i <= 2500; i++) lines.push(`Late Partner ${i},education,Person ${i},person${i}@late.example`);
    lines.push('Late Partner 2501,aviation,,');
    const body = await refused(lines.join('\n') + '\n');
    expect(body.errors).toEqual([
      { row: 2502, column: 'sector', message: expect.stringContaining("centre's sectors") },
    ]);
    const [late] = await query<{ n: number }>(
      app.databaseUrl,
      `SELECT count(*)::int AS n FROM partner WHERE name LIKE 'Late Partner %'`,
    );
    expect(late!.n).toBe(0);
  });

  it('refuses broken files with a clear message, writing nothing', async () => {
    expect((await refused('')).errors).toEqual([{ row: 1, column: null, message: expect.stringMatching(/empty/) }]);
    expect((await refused('name,sector\r\n')).errors).toEqual([
      { row: 2, column: null, message: 'The file has a header but no partner rows' },
    ]);
    expect((await refused('Partner;Country\nA;BE\n')).errors).toEqual([
      { row: 1, column: 'sector', message: 'The required column "sector" is missing from the header' },
    ]);
    expect((await refused('sector,country\neducation,BE\n')).errors).toEqual([
      { row: 1, column: 'name', message: 'The required column "name" is missing from the header' },
    ]);
    expect((await refused('name,sector\nA,education\nB,education,extra\nC\nD,education\n')).errors).toEqual([
      { row: 3, column: null, message: 'Row 3 has 3 cells where the header has 2' },
      { row: 4, column: null, message: 'Row 4 has 1 cells where the header has 2' },
    ]);
    const quotes = await refused('name,sector\nA,education\n"B,education\nC,education\n');
    expect(quotes.errors).toEqual([{ row: 3, column: null, message: expect.stringMatching(/unbalanced quotes/) }]);
    const utf16 = await refused(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,sector\n', 'utf16le')]));
    expect(utf16.detail).toMatch(/UTF-16/);
    const binary = await refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x81]));
    expect(binary.detail).toMatch(/neither UTF-8 nor Windows-1252/);
  });

  it('refuses a file over the 10 MB limit with 413', async () => {
    const junk = Buffer.alloc(10 * 1024 * 1024 + 1, 'x,');
    const body = await refused(junk, 413);
    expect(body.status).toBe(413);
  });

  it('answers 400 without a file and for bad options', async () => {
    expect((await upload('name,sector\nA,education\n', { field: 'document' })).status).toBe(400);
    const res = await fetch(`${app.url}/api/v1/import/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.aManager.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect((await upload('name,sector\nA,education\n', { onMatch: 'merge' })).status).toBe(400);
  });

  it('matches only the centre’s own partners, and lets admins and managers import, not coordinators', async () => {
    const file = 'name,sector\nZephyr Media,telecom\n';
    expect((await upload(file, { token: t.aAdmin.token, onMatch: 'skip' })).body).toMatchObject({
      created: 1,
      skipped: 0,
    });
    expect((await upload(file, { token: t.aCoordinator.token })).status).toBe(403);
    expect((await upload(file, { token: t.bManager.token })).body).toMatchObject({ created: 0, skipped: 1 });
  });
});
