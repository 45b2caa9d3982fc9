import { randomUUID } from 'node:crypto';
import { query } from '../utils/database.js';
import type { MatrixEntries } from './types.js';

/** Fixtures and bodies of the reminders routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {
    '/api/v1/reminders/:id': async (app, centreId) => {
      const id = randomUUID();
      // The partner's notes hold the reminder id, so the matrix counts this helper row as part of the fixture.
      const [partner] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO partner (centre_id, name, sector, notes) VALUES ($1, 'Reminder partner', 'media', $2) RETURNING id`,
        [centreId, id],
      );
      const [user] = await query<{ id: string }>(
        app.databaseUrl,
        `SELECT id FROM app_user WHERE centre_id = $1 ORDER BY created_at LIMIT 1`,
        [centreId],
      );
      await query(
        app.databaseUrl,
        `INSERT INTO reminder (id, centre_id, recipient_id, partner_id, kind, due_date, dedupe_key) VALUES ($1, $2, $3, $4, 'cadence_overdue', '2026-01-01', $5)`,
        [id, centreId, user!.id, partner!.id, `cadence_overdue:${partner!.id}:2026-01-01`],
      );
      return { value: id, table: 'reminder' };
    },
  },
  bodies: {
    'POST /api/v1/reminders/:id/snooze': () => ({ until: '2099-01-01' }),
    'POST /api/v1/admin/reminders/run': () => ({ dryRun: true }),
  },
};
