/**
 * The fault drills (test/faults/): processes killed, PostgreSQL, Redis and SMTP taken away under load. Minutes
 * long, so apart from `npm test`: run with `npm run test:faults` (and by .ci/run). One drill at a time: each one
 * starts several app processes, and two at once on a 2-core machine would time each other out.
 */
import base from './jest.config.mjs';

const common = base.projects.find((p) => p.displayName === 'e2e');

export default {
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  maxWorkers: 1,
  testTimeout: 300_000,
  projects: [{ ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.test.ts'] }],
};
