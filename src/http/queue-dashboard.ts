import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger, type INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readCookie, SESSION_COOKIE } from '../auth/auth.guard.js';
import { SessionsService } from '../auth/sessions.service.js';
import { PROBLEM_CONTENT_TYPE } from '../common/problem.js';
import { requestScope } from '../common/request-context.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { QUEUES } from '../queue/queue-names.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const logger = new Logger('QueueDashboard');

/**
 * bull-board at /admin/queues, for network admins signed in with the session cookie. It is Express
 * middleware, not a Nest route, so the global AuthGuard never sees it: the gate in front of it is its guard.
 */
export function mountQueueDashboard(app: INestApplication, config: ResolvedConfig): void {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(queueNamed(app, name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Keepwarm queues', hideDocsLink: true } },
  });
  const gate = networkAdminGate(app.get(SessionsService, { strict: false }), new URL(config.http.publicUrl).origin);
  app.use(QUEUE_DASHBOARD_PATH, gate, serverAdapter.getRouter());
}

/** Every queue of QUEUES must be registered with BullModule; a missing one stops the start here, not at the first page view. */
function queueNamed(app: INestApplication, name: string): Queue {
  try {
    return app.get<Queue>(getQueueToken(name), { strict: false });
  } catch (error) {
    throw new Error(`Queue "${name}" is listed in QUEUES but not registered (BullModule.registerQueue)`, {
      cause: error,
    });
  }
}

/**
 * Admits network admins only. bull-board's own requests cannot carry our X-CSRF-Token, so its writes
 * are protected by the SameSite=Lax session cookie plus an Origin (or Referer) equal to PUBLIC_URL's origin.
 */
export function networkAdminGate(sessions: SessionsService, allowedOrigin: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    admit(sessions, allowedOrigin, req, res).then(
      (admitted) => (admitted ? next() : undefined),
      (error: unknown) => {
        logger.error({ err: error }, 'Queue dashboard gate failed');
        refuse(req, res, 500, 'Something went wrong; quote the request id when reporting it');
      },
    );
  };
}

async function admit(sessions: SessionsService, allowedOrigin: string, req: Request, res: Response): Promise<boolean> {
  const token = readCookie(req.header('cookie'), SESSION_COOKIE);
  const actor = token ? await sessions.authenticate(token) : undefined;
  if (!actor) {
    refuse(
      req,
      res,
      401,
      'Sign in as a network admin first (POST /api/v1/auth/login sets the session cookie), then reload this page',
    );
    return false;
  }
  const scope = requestScope.current();
  if (scope) Object.assign(scope, { userId: actor.userId, centreId: actor.centreId });
  if (!actor.networkAdmin) {
    refuse(req, res, 403, 'Only network admins may see the queue dashboard');
    return false;
  }
  if (!SAFE_METHODS.has(req.method) && !comesFrom(req, allowedOrigin)) {
    refuse(req, res, 403, `Queue actions are accepted only from pages served at ${allowedOrigin} (PUBLIC_URL)`);
    return false;
  }
  res.setHeader('Cache-Control', 'no-store');
  return true;
}

/** Browsers send Origin with every POST, PUT, PATCH and DELETE; Referer is the fallback for the rare one that does not. */
function comesFrom(req: Request, allowedOrigin: string): boolean {
  const origin = req.header('origin');
  if (origin) return origin === allowedOrigin;
  const referer = req.header('referer');
  if (!referer) return false;
  try {
    return new URL(referer).origin === allowedOrigin;
  } catch {
    return false;
  }
}

function refuse(req: Request, res: Response, status: 401 | 403 | 500, detail: string): void {
  const title = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Internal Server Error';
  const problem = {
    type: 'about:blank',
    title,
    status,
    detail,
    instance: req.originalUrl.split('?')[0],
    requestId: requestScope.current()?.requestId,
  };
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
