import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../access/ctx.decorator.js';
import { SESSION_COOKIE } from '../auth/auth.guard.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../common/database-unavailable.js';
import { DomainError } from '../common/errors.js';
import { statusOf } from '../common/problem.filter.js';
import { requestScope } from '../common/request-context.js';
import { RequestValidationError } from '../common/validation.js';
import { ErrorPage } from '../ui/components/error-page.js';
import type { MessageKey } from '../ui/i18n/catalogue.js';
import { renderDocument } from '../ui/render.js';
import { WebContext } from './web-context.service.js';

/** The status an error answers with, as the API's problem+json would. */
export function statusOfError(exception: unknown): number {
  if (exception instanceof DomainError) return statusOf(exception.code);
  if (exception instanceof RequestValidationError) return 400;
  if (exception instanceof HttpException) return exception.getStatus();
  if (isDatabaseUnavailable(exception)) return 503;
  const status = (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

const TITLES: Record<number, MessageKey> = {
  400: 'common.errors.invalid.title',
  403: 'common.errors.forbidden.title',
  404: 'common.errors.notFound.title',
  409: 'common.errors.conflict.title',
  429: 'common.errors.tooMany.title',
};

/**
 * Errors of the pages, as pages: an anonymous visit goes to sign-in and comes back afterwards (so digest links
 * work); another centre's record is a 404 page; anything unexpected is logged and shown with its request id.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(WebExceptionFilter.name);

  constructor(private readonly web: WebContext) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const status = statusOfError(exception);
    if (status === 401) {
      const back = req.method === 'GET' ? req.originalUrl : (req.header('hx-current-url') ?? '/');
      const target = `/login?next=${encodeURIComponent(localPath(back))}`;
      res.clearCookie(SESSION_COOKIE, { path: '/' }); // a stale session: the sign-in page must not bounce back
      if (req.header('hx-request')) {
        res.status(401).setHeader('HX-Redirect', target);
        res.end();
      } else res.redirect(303, target);
      return;
    }
    if (status === 503) {
      this.logger.warn({ err: exception }, 'Database unavailable');
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (status >= 500) this.logger.error({ err: exception }, 'Unhandled error on a page');
    const view = await this.web.bestEffort(req, res);
    const { t } = view.i18n;
    const title = status >= 500 ? t('common.errors.server.title') : t(TITLES[status] ?? 'common.errors.invalid.title');
    const body =
      status >= 500
        ? t('common.errors.server.body', { requestId: requestScope.current()?.requestId ?? '' })
        : status === 404
          ? t('common.errors.notFound.body')
          : status === 403
            ? t('common.errors.forbidden.body')
            : exception instanceof Error && view.i18n.locale === 'en'
              ? exception.message
              : undefined;
    res
      .status(status)
      .type('text/html; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .send(renderDocument(<ErrorPage view={view} title={title} body={body} />));
  }
}

/** The path and query of a URL (htmx sends the full URL of the page it is on). */
function localPath(url: string): string {
  try {
    const parsed = new URL(url, 'http://x');
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/';
  }
}
