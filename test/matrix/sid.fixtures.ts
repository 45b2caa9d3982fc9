import { randomUUID } from 'node:crypto';
import type { TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import type { MatrixEntries } from './types.js';

const YEAR = '2027';
let counter = 0;

async function seedPartner(app: TestApp, centreId: string, notes: string | null = null): Promise<string> {
  const [row] = await query<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO partner (centre_id, name, sector, notes) VALUES ($1, $2, 'media', $3) RETURNING id`,
    [centreId, `SID matrix partner ${++counter}`, notes],
  );
  return row!.id;
}

/** Fixtures and bodies of this module's routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {
    // A year is not centre data: every centre has one of each.
    '/api/v1/sid/:year': async () => ({ value: YEAR, shared: true }),
    '/api/v1/sid/:year/roles/:roleId': async (app, centreId) => {
      // The partner's notes hold the role's id, so the matrix's centre-B checksum counts the partner as part of
      // this fixture (it skips rows holding a fixture id) and not as a change some request made to centre B.
      const id = randomUUID();
      const partnerId = await seedPartner(app, centreId, id);
      await query(
        app.databaseUrl,
        `INSERT INTO sid_role (id, centre_id, partner_id, year, role, status, status_changed_at) VALUES ($1, $2, $3, $4, 'supporter', 'invited', now())`,
        [id, centreId, partnerId, Number(YEAR)],
      );
      return { value: id, table: 'sid_role' };
    },
  },
  bodies: {
    'PUT /api/v1/sid/:year': () => ({ theme: `Matrix theme ${++counter}` }),
    'POST /api/v1/sid/:year/roles': async (app, ownCentreId) => ({
      partnerId: await seedPartner(app, ownCentreId),
      role: 'speaker',
    }),
    'PATCH /api/v1/sid/:year/roles/:roleId': () => ({ status: 'confirmed', notes: `Matrix notes ${++counter}` }),
  },
};
