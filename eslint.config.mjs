// ESLint 10 flat config: `npm run lint`. TypeScript through typescript-eslint (no type-aware rules,
// so linting stays fast and needs no build); the .mjs test setup and configs are plain Node ESM.
// defineConfig() is ESLint's own successor to the deprecated tseslint.config() helper.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The Node globals our code uses (the `globals` package is not a dependency). */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'globalThis',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'data/']),
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // TypeORM takes migrations as a list of classes, typed Function[].
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Centre isolation: feature code reaches centre data only through CentreScope (src/database/centre-scope.ts),
    // which scopes every query and write to the request's centre. Only infrastructure may hold a raw DataSource.
    files: ['src/**/*.ts'],
    ignores: [
      'src/database/**',
      'src/mail/**',
      'src/health/**',
      'src/queue/**',
      'src/cli.ts',
      'src/keepwarm.ts',
      'src/centres/first-run.service.ts',
      // Job schedulers belong to the installation: reconciling them lists every centre.
      'src/reminders/reminder-schedules.service.ts',
      // Identity works across centres by nature (login by email, sessions, reset links, throttling).
      'src/auth/sessions.service.ts',
      'src/auth/login.service.ts',
      'src/auth/password-reset.service.ts',
      'src/auth/password-tokens.service.ts',
      'src/auth/attempt-throttle.service.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@nestjs/typeorm', message: 'Use CentreScope (src/database/centre-scope.ts): it keeps every query to the request centre.' },
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'Repository', 'QueryRunner'],
              message: 'Use CentreScope (src/database/centre-scope.ts): it keeps every query to the request centre.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
