import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { PROBLEM_CONTENT_TYPE } from '../common/problem.js';
import { ProblemFilter } from '../common/problem.filter.js';
import { requestScope } from '../common/request-context.js';
import { createValidationPipe } from '../common/validation.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { mountQueueDashboard } from './queue-dashboard.js';
import { mountAssets } from '../web/assets.js';
import { SiteExceptionFilter } from '../web/site-exception.filter.js';
import { WebExceptionFilter } from '../web/web-exception.filter.js';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Everything a request passes through before and after the controllers, in one place. */
export function configureHttp(app: INestApplication, config: ResolvedConfig, logger: Logger): void {
  const metrics = app.get(MetricsService);
  (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set(
    'trust proxy',
    config.http.trustProxy,
  );
  // HSTS pins browsers to https for a year, and the CSP upgrades requests to https: only when this installation
  // is served over https. The pages' forms need their Origin sent (the sign-in form's check): same-origin referrers.
  const https = new URL(config.http.publicUrl).protocol === 'https:';
  app.use(
    helmet({
      strictTransportSecurity: https,
      referrerPolicy: { policy: 'same-origin' },
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    }),
  );
  // API answers carry tokens and personal data: no browser or proxy cache keeps them.
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // Request id first: every later log line of the request carries it.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    (req as Request & { id: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    requestScope.run({ requestId }, next);
  });

  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as unknown as { id: string }).id,
      quietReqLogger: true,
      // Method, path and status only: headers carry cookies, tokens and personal data; so do signed links' paths.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: loggedPath(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => Boolean(req.url?.startsWith('/health') || req.url === '/metrics') },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );

  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  });

  if (config.role === 'worker') {
    // A worker serves only its health and metrics, for orchestrators and Prometheus.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/health/') || req.path === '/metrics') return next();
      res
        .status(404)
        .type(PROBLEM_CONTENT_TYPE)
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: 'Not Found',
            status: 404,
            detail: 'This is a worker process (ROLE=worker); the API is served by ROLE=api or ROLE=all',
          }),
        );
    });
  }

  // Network admins only; its own gate, since it is Express middleware the global AuthGuard does not see.
  if (config.role !== 'worker') {
    mountQueueDashboard(app, config);
    mountAssets(app);
  }

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new SiteExceptionFilter(new ProblemFilter(), app.get(WebExceptionFilter)));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Keepwarm API')
      .setDescription('Partner-relationship tracker for Safer Internet Centres')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/** A path segment ending in a signature (`…<ids>.<HMAC>`, as in /r/… and /email-preferences/… links): a bearer credential. */
const SIGNED_SEGMENT = /\.[A-Za-z0-9_-]{40,}$/;

/** The request's path for the request log: no query string, and signed links' tokens replaced by "[token]". */
export function loggedPath(url: string): string {
  return url
    .split('?')[0]!
    .split('/')
    .map((segment) => (SIGNED_SEGMENT.test(segment) ? '[token]' : segment))
    .join('/');
}
