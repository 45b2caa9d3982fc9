import { seedUser } from '../utils/api.js';
import { query } from '../utils/database.js';
import type { MatrixEntries } from './types.js';

/** Fixtures of the admin mail routes for the authorisation matrix: a failed email, so a retry can succeed. */
export const entries: MatrixEntries = {
  fixtures: {
    '/api/v1/admin/mail/outbox/:id': async (app, centreId) => {
      const [row] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO outbox_email (centre_id, recipient, subject, text, status, attempts, last_error) VALUES ($1, 'matrix@example.org', 'Matrix', 'Matrix', 'failed', 1, '550 rejected') RETURNING id`,
        [centreId],
      );
      return { value: row!.id, table: 'outbox_email' };
    },
  },
  bodies: {
    // The test send mails only the caller's centre's users.
    'POST /api/v1/admin/mail/test': async (app, ownCentreId) => ({
      to: (await seedUser(app, ownCentreId, 'coordinator')).email,
    }),
  },
};
