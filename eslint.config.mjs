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
    files: ['**/*.ts', '**/*.tsx'],
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
    // which scopes every query and write to the request's centre. Only the infrastructure files below may hold a
    // raw DataSource or EntityManager, or open the transaction behind a CentreTx (database/infrastructure-access.ts).
    // A file joins this list only with a reason that no CentreScope method can serve.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      // CentreScope itself, the transaction seal it hands to infrastructure, and the DataSource they are built on.
      'src/database/centre-scope.ts',
      'src/database/infrastructure-access.ts',
      'src/database/database.module.ts',
      // The builders CentreTx returns: they extend TypeORM's and add the centre condition to its expression map.
      'src/database/scoped-query-builders.ts',
      // Builds a DataSource without connecting, to check the SQL the scoped builders write.
      'src/database/centre-scope.spec.ts',
      // Schema changes: TypeORM hands each migration a QueryRunner.
      'src/database/migrate.ts',
      'src/database/migration-generator.ts',
      'src/database/migrations/**',
      // The outbox across centres: staging in the caller's transaction, the re-queue sweep, installation mail.
      'src/mail/mail.service.ts',
      // The mail worker: one row at a time, locked in a transaction of its own, whatever its centre.
      'src/mail/mail-delivery.service.ts',
      // Installation-wide outbox counts (no personal data) for /health/ready and /metrics.
      'src/mail/outbox-health.service.ts',
      // Readiness pings the database.
      'src/health/health.service.ts',
      // Migrations and operator commands, before and outside any request.
      'src/cli.ts',
      // First run: is there any user at all, in any centre?
      'src/centres/first-run.service.ts',
      // The demo (npm run demo) creates or resets a whole centre with its users in one transaction, by SQL.
      'src/demo/demo.ts',
      // Job schedulers belong to the installation: reconciling them lists every centre.
      'src/reminder-scan/reminder-schedules.service.ts',
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
            {
              name: '@nestjs/typeorm',
              message: 'Use CentreScope (src/database/centre-scope.ts): it keeps every query to the request centre.',
            },
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'Repository', 'QueryRunner'],
              message: 'Use CentreScope (src/database/centre-scope.ts): it keeps every query to the request centre.',
            },
          ],
          patterns: [
            {
              group: ['**/database/infrastructure-access', '**/database/infrastructure-access.js'],
              message:
                "Only the infrastructure services listed in eslint.config.mjs open a CentreTx's transaction; pass tx.infrastructureManager() to them.",
            },
          ],
        },
      ],
      // The way round CentreScope without an import: every TypeORM query builder carries its DataSource and runner.
      'no-restricted-properties': [
        'error',
        ...['dataSource', 'connection', 'queryRunner', 'manager', 'expressionMap'].map((property) => ({
          property,
          message:
            "A query builder's DataSource, runner and expression map are a side door round CentreScope: use the CentreTx methods.",
        })),
      ],
    },
  },
  {
    // Pages and emails are TSX rendered by preact, which escapes every text and attribute: nothing bypasses it.
    files: ['**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'dangerouslySetInnerHTML bypasses escaping: build the markup from components instead.',
        },
      ],
    },
  },
  {
    // public/: the one script the pages load in the browser.
    files: ['public/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly' },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ignores: ['public/**'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
