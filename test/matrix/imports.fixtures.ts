import type { MatrixEntries } from './types.js';

/** Fixtures and bodies of this module's routes for the authorisation matrix. */
export const entries: MatrixEntries = {
  fixtures: {},
  bodies: {
    // A dry run (the default) of a one-partner file: an allowed caller gets its counts, and nothing is written.
    'POST /api/v1/import/partners': () => {
      const form = new FormData();
      form.append('file', new Blob(['name,sector\nMatrix import partner,education\n'], { type: 'text/csv' }), 'p.csv');
      return form;
    },
  },
};
