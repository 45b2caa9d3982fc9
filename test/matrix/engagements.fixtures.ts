import { query } from '../utils/database.js';
import type { MatrixEntries } from './types.js';

let counter = 0;

async function partnerIn(databaseUrl: string, centreId: string): Promise<string> {
  const [row] = await query<{ id: string }>(
    databaseUrl,
    `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'education') RETURNING id`,
    [centreId, `Matrix engagement partner ${++counter}`],
  );
  return row!.id;
}

/** Fixtures and bodies of this module's routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {
    // An engagement without partner links: the matrix's centre-B checksum skips the engagement row itself, and
    // a fresh partner there would count as a change to centre B.
    '/api/v1/engagements/:id': async (app, centreId) => {
      const [row] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, 'meeting', now() - interval '3 days', $2) RETURNING id`,
        [centreId, `Matrix engagement ${++counter}`],
      );
      return { value: row!.id, table: 'engagement' };
    },
  },
  bodies: {
    'POST /api/v1/engagements': async (app, ownCentreId) => ({
      partnerIds: [await partnerIn(app.databaseUrl, ownCentreId)],
      type: 'meeting',
      occurredAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
      summary: `Matrix call ${++counter}`,
    }),
    'PATCH /api/v1/engagements/:id': () => ({ summary: `Matrix edit ${++counter}`, outcome: 'Agreed next steps' }),
  },
};
