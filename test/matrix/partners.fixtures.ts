import type { MatrixEntries } from './types.js';

/** Fixtures and bodies of this module's routes for the authorisation matrix. */
export const entries: MatrixEntries = { fixtures: {}, bodies: {} };
