/** Jest 30 in ESM mode (NestJS 12 is ESM-only): run through `npm test`, which sets --experimental-vm-modules. */
const tsJest = {
  '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
};
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest,
};

export default {
  globalSetup: './test/setup/global-setup.mjs',
  globalTeardown: './test/setup/global-teardown.mjs',
  maxWorkers: 2,
  // Each test file leaves some 20-40 MB of heap behind in its worker (the ESM module registries of Jest's vm
  // modules): over a full run both workers reached 3.2-3.4 GB of RSS, took over 500 ms to exit, and Jest
  // force-exited them ("A worker process has failed to exit gracefully"). A worker past 1 GB of heap after a
  // file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
