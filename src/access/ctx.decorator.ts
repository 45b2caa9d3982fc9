import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { RequestContext } from '../common/request-context.js';

/** A request once the global guard (src/auth/auth.guard.ts) has authenticated it. */
export interface AuthenticatedRequest extends Request {
  keepwarm?: { ctx: RequestContext; via?: 'bearer' | 'cookie' };
}

/** The RequestContext the AuthGuard built for this request: pass it first to every service call. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.keepwarm) throw new Error('No request context: is AuthGuard registered as the global guard?');
  return req.keepwarm.ctx;
});

/** How the request authenticated: "cookie" (a browser page) or "bearer" (an API client). */
export const AuthVia = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().keepwarm?.via,
);
