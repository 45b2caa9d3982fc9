import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import { RequestContext, requestScope, type Actor } from '../common/request-context.js';
import type { AuthenticatedRequest } from '../access/ctx.decorator.js';
import { allows, describePolicy, POLICY_KEY, reachesAcrossCentres, type AccessPolicy } from '../access/policy.js';
import { rememberSessionCentre } from '../database/centre-scope.js';
import { SessionsService } from './sessions.service.js';

export const SESSION_COOKIE = 'keepwarm_session';
/** No centre has this id: an anonymous request's scope matches no row. */
export const NO_CENTRE = '00000000-0000-0000-0000-000000000000';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before every route (global guard). Deny by default: a route without a policy is refused.
 * Reads the Bearer token or the session cookie, checks the route's policy, asks cookie-authenticated
 * writes for their CSRF token, and leaves the request's RequestContext for the controller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const requestId = requestScope.current()?.requestId;
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) throw new ForbiddenError('This route declares no access policy, so nobody may call it');

    if (policy.public) {
      req.keepwarm = { ctx: new RequestContext(requestId, undefined, NO_CENTRE) };
      return true;
    }
    const credential = credentialOf(req);
    if (!credential) throw new UnauthenticatedError();
    const signedIn = await this.sessions.authenticateWithCentre(credential.token);
    if (!signedIn) throw new UnauthenticatedError('Your session has ended or the token is not valid; sign in again');
    const { actor, centre } = signedIn;
    if (credential.via === 'cookie' && !SAFE_METHODS.has(req.method)) this.checkCsrf(req, actor);
    if (!allows(policy, actor))
      throw new ForbiddenError(`Your role (${actor.role}) cannot do this; it needs: ${describePolicy(policy)}`);

    const scope = requestScope.current();
    if (scope) Object.assign(scope, { userId: actor.userId, centreId: actor.centreId });
    const ctx = new RequestContext(requestId, actor, actor.centreId, reachesAcrossCentres(policy, actor));
    rememberSessionCentre(ctx, centre);
    req.keepwarm = { ctx, via: credential.via };
    return true;
  }

  /** A browser sends the cookie on any request to us; only our pages know the token tied to the session. */
  private checkCsrf(req: AuthenticatedRequest, actor: Actor): void {
    const body = req.body as Record<string, unknown> | undefined;
    const fromForm = body && typeof body._csrf === 'string' ? body._csrf : undefined;
    const token = req.header('x-csrf-token') ?? fromForm;
    if (body && '_csrf' in body) delete body._csrf; // not part of any DTO
    if (!token || !actor.sessionId || !this.sessions.verifyCsrfToken(actor.sessionId, token)) {
      throw new ForbiddenError(
        'Missing or invalid CSRF token: send the X-CSRF-Token header (from the login response or GET /api/v1/me) or a _csrf form field',
      );
    }
  }
}

function credentialOf(req: Request): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const authorization = req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? { token: match[1]!, via: 'bearer' } : undefined;
  }
  const cookie = readCookie(req.header('cookie'), SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
