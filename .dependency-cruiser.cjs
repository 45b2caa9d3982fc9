// The module graph of src/: `npm run lint` runs `depcruise src`. Top-level folders form layers; each may import
// only the layers below it, so no cycle between folders can form. README "Layout" draws the same picture.
// A new top-level folder must be placed in LAYERS (the last rule says so).

/** Bottom to top. */
const LAYERS = [
  'common', // errors, dates, clock, request context, problem+json, validation: no Keepwarm imports
  'config', // environment, validated once
  'logging',
  'ui', // typed TSX components, the page layout and the message catalogue (en, fr): pages and emails share them
  'access', // route policies and the request-context decorator controllers use
  'database', // data source, migrations, CentreScope with the centre record and the audit trail it writes
  'metrics',
  'queue',
  'mail', // outbox, delivery, transports
  'auth', // users' identity: the user record, passwords, sessions, sign-in, reset links
  'users', // user administration
  'centres',
  'partners',
  'contacts',
  'engagements',
  'boards',
  'sid',
  'timeline', // a partner's history across engagements, board meetings and SID roles
  'dashboard', // engagement figures: read-only SQL over partners, engagements, SID and boards
  'reminders', // reminder records: list, done, snooze
  'partner-merge', // merging duplicate partners: moves the rows of every feature that point at a partner
  'digests', // reminder email and its signed links
  'reminder-scan', // the daily scan, its schedules and its job
  'audit', // the audit trail's read API
  'mail-admin',
  'health',
  'exports', // CSV downloads of partners, engagements and contacts, streamed
  'reports', // the annual partnership report: the dashboard's figures over a SID year, CSV or printable HTML
  'imports', // partners and their contacts from a CSV file
  'web', // the pages: server-rendered TSX over the same services as the API
  'http', // the HTTP pipeline: middleware, the queue dashboard
  'demo', // npm run demo: a realistic centre, Valdoria, written over the whole app
];

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ sits below ${LAYERS.slice(index + 1).join(', ')}: it may not import them (see .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(index + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-folder-cycle',
      comment: 'Top-level folders of src/ import each other in one direction only',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
    {
      name: 'layer-unknown',
      comment: 'Every top-level folder of src/ has its place in LAYERS (.dependency-cruiser.cjs)',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.join('|')})/` },
      to: {},
    },
    {
      name: 'no-entry-points',
      comment: 'Only entry points import the app module, main, cli and the entity list',
      severity: 'error',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
