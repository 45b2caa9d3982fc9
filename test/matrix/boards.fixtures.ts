import type { TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import type { MatrixEntries } from './types.js';

let n = 0;

/** The board the ':id' fixture made last in each centre: a ':memberId' must be a seat on that very board. */
const lastBoard = new Map<string, string>();

async function insertBoard(app: TestApp, centreId: string): Promise<string> {
  const [row] = await query<{ id: string }>(
    app.databaseUrl,
    'INSERT INTO advisory_board (centre_id, name) VALUES ($1, $2) RETURNING id',
    [centreId, `Matrix board ${++n}`],
  );
  lastBoard.set(centreId, row!.id);
  return row!.id;
}

/** `notes` names the board it was made for: the matrix's centre-B checksum then counts the partner as part of the fixture. */
async function insertPartner(app: TestApp, centreId: string, note: string | null = null): Promise<string> {
  const [row] = await query<{ id: string }>(
    app.databaseUrl,
    'INSERT INTO partner (centre_id, name, sector, notes) VALUES ($1, $2, $3, $4) RETURNING id',
    [centreId, `Matrix partner ${++n}`, 'industry', note],
  );
  return row!.id;
}

/** Fixtures and bodies of this module's routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {
    '/api/v1/advisory-boards/:id': async (app, centreId) => ({
      value: await insertBoard(app, centreId),
      table: 'advisory_board',
    }),
    '/api/v1/advisory-boards/:id/members/:memberId': async (app, centreId) => {
      const boardId = lastBoard.get(centreId) ?? (await insertBoard(app, centreId));
      const partnerId = await insertPartner(app, centreId, boardId);
      const [row] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO board_membership (centre_id, board_id, partner_id, role, term_start) VALUES ($1, $2, $3, 'member', '2024-01-01') RETURNING id`,
        [centreId, boardId, partnerId],
      );
      return { value: row!.id, table: 'board_membership' };
    },
  },
  bodies: {
    'POST /api/v1/advisory-boards': () => ({ name: `Matrix board ${++n}`, meetingCadenceDays: 90 }),
    'PATCH /api/v1/advisory-boards/:id': () => ({ name: `Renamed board ${++n}` }),
    'POST /api/v1/advisory-boards/:id/members': async (app, ownCentreId) => ({
      partnerId: await insertPartner(app, ownCentreId),
      role: 'member',
      termStart: '2025-01-01',
    }),
    'PATCH /api/v1/advisory-boards/:id/members/:memberId': () => ({ role: 'observer', termEnd: '2030-12-31' }),
    'POST /api/v1/advisory-boards/:id/meetings': async (app, ownCentreId) => ({
      heldAt: '2025-06-01',
      title: `Matrix meeting ${++n}`,
      attendees: [{ partnerId: await insertPartner(app, ownCentreId) }],
    }),
  },
};
