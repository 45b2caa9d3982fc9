import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemFilter } from '../common/problem.filter.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** Paths of machines, not people: their errors stay problem+json whatever the client accepts. */
const MACHINE_PATHS = /^\/(api|health|metrics|assets|admin\/queues)(\/|$)/;

/** A browser asking for a page (GET, HTML preferred) rather than a program asking for data. */
export function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (MACHINE_PATHS.test(req.path)) return false;
  return req.accepts(['json', 'html']) === 'html';
}

/**
 * The global filter: an error on a route no page controller owns (an unknown path typed in the address bar)
 * answers a browser with a page, and everyone else with problem+json as before.
 */
@Catch()
export class SiteExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly problems: ProblemFilter,
    private readonly pages: WebExceptionFilter,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void | Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    return wantsPage(req) ? this.pages.catch(exception, host) : this.problems.catch(exception, host);
  }
}
