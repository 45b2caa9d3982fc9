import type { MatrixEntries } from './types.js';

/** Fixtures of the export and report routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {
    // A table's name is not centre data: every centre has each table (the route's parameter is "name.csv").
    '/api/v1/export/dashboard/:name.csv': async () => ({ value: 'retention.csv', shared: true }),
  },
  bodies: {},
};
