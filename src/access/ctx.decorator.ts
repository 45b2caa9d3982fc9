import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';

/** The RequestContext the AuthGuard built for this request: pass it first to every service call. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.keepwarm) throw new Error('No request context: is AuthGuard registered as the global guard?');
  return req.keepwarm.ctx;
});

/** How the request authenticated: "cookie" (a browser page) or "bearer" (an API client). */
export const AuthVia = createParamDecorator((_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().keepwarm?.via);
