import { query } from '../utils/database.js';
import type { MatrixEntries } from './types.js';

let counter = 0;

/** Fixtures and bodies of the partners routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {
    '/api/v1/partners/:id': async (app, centreId) => {
      const [row] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'education') RETURNING id`,
        [centreId, `Matrix partner ${++counter}`],
      );
      return { value: row!.id, table: 'partner' };
    },
  },
  bodies: {
    'POST /api/v1/partners': () => ({ name: `Matrix partner ${++counter}`, sector: 'education' }),
    'PATCH /api/v1/partners/:id': () => ({ tags: ['matrix'] }),
    // A fresh survivor in the caller's centre: the route's :id (the fixture) is merged into it.
    'POST /api/v1/partners/:id/merge': async (app, ownCentreId) => {
      const [row] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'education') RETURNING id`,
        [ownCentreId, `Matrix survivor ${++counter}`],
      );
      return { intoId: row!.id };
    },
  },
};
