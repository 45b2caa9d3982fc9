import { randomUUID } from 'node:crypto';
import type { TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import type { MatrixEntries } from './types.js';

let counter = 0;

async function insertPartner(app: TestApp, centreId: string, notes: string | null = null): Promise<string> {
  const [row] = await query<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO partner (centre_id, name, sector, notes) VALUES ($1, $2, 'education', $3) RETURNING id`,
    [centreId, `Matrix partner ${++counter}`, notes],
  );
  return row!.id;
}

/**
 * A contact needs a partner. The matrix's check that centre B stays untouched skips rows holding a fixture's
 * id, so the helper partner carries the contact's id (in notes) to count as part of the fixture.
 */
async function insertContact(app: TestApp, centreId: string): Promise<string> {
  const id = randomUUID();
  const partnerId = await insertPartner(app, centreId, id);
  await query(
    app.databaseUrl,
    `INSERT INTO contact (id, centre_id, partner_id, name, email) VALUES ($1, $2, $3, $4, $5)`,
    [id, centreId, partnerId, `Matrix Contact ${++counter}`, `matrix-contact-${counter}@example.org`],
  );
  return id;
}

/** Fixtures and bodies of this module's routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {
    // '/api/v1/partners/:id' (for /api/v1/partners/:id/contacts) comes from partners.fixtures.ts.
    '/api/v1/contacts/:id': async (app, centreId) => ({ value: await insertContact(app, centreId), table: 'contact' }),
  },
  bodies: {
    'POST /api/v1/partners/:id/contacts': () => ({
      name: `New Contact ${++counter}`,
      email: `new-contact-${counter}@example.org`,
      primary: true,
    }),
    'PATCH /api/v1/contacts/:id': () => ({ jobTitle: `Director ${++counter}`, primary: true }),
  },
};
