import type { MatrixEntries } from './types.js';

/** Bodies of the digest-preference routes for the authorisation matrix (they take no record id). */
export const entries: MatrixEntries = {
  fixtures: {},
  bodies: {
    'PATCH /api/v1/me/preferences': () => ({ digest: 'weekly' }),
  },
};
