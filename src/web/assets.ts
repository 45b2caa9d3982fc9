import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's own stylesheet and script (public/ at the top of the project, beside dist/ and src/). */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/**
 * /assets/…: our stylesheet and script, and htmx from node_modules (no CDN: many NGO networks and these machines
 * have no route to one). Cached for an hour; a deployment changes them rarely.
 */
export function mountAssets(app: INestApplication): void {
  const require = createRequire(import.meta.url);
  const htmxDir = dirname(require.resolve('htmx.org/dist/htmx.min.js'));
  const options = { maxAge: '1h', index: false, fallthrough: false, dotfiles: 'deny' as const };
  app.use('/assets/htmx.min.js', (req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.sendFile('htmx.min.js', { root: htmxDir, maxAge: '1h' }, (error) => (error ? next(error) : undefined));
  });
  app.use('/assets', express.static(PUBLIC_DIR, options));
  // Browsers ask for /favicon.ico on their own (before a page's <link rel="icon"> is read): the same icon.
  app.use('/favicon.ico', (_req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.sendFile('favicon.svg', { root: PUBLIC_DIR, maxAge: '1h' }, (error) => (error ? next(error) : undefined));
  });
}
