import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserRole } from './domain-values.js';
import { ForbiddenError } from './errors.js';

/** What every log line of a request carries. The auth guard adds the user and centre once known. */
export interface RequestScope {
  requestId: string;
  userId?: string;
  centreId?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export const requestScope = {
  run<T>(scope: RequestScope, fn: () => T): T {
    return storage.run(scope, fn);
  },
  current(): RequestScope | undefined {
    return storage.getStore();
  },
};

/** The signed-in user behind a request or job. */
export interface Actor {
  userId: string;
  centreId: string;
  role: UserRole;
  networkAdmin: boolean;
  sessionId?: string;
}

/**
 * Who acts, for which centre, under which request: the first argument of every service method.
 * `centreId` is the one centre the data layer (CentreScope) lets the call read and write.
 */
export class RequestContext {
  constructor(
    readonly requestId: string | undefined,
    readonly actor: Actor | undefined,
    readonly centreId: string,
    /** True only for a network admin on a route whose policy lets network admins reach every centre. */
    readonly acrossCentres = false,
  ) {}

  /** Acting as `user` without a session: a password-reset or emailed link whose token is the credential. */
  static forUser(user: Omit<Actor, 'userId' | 'sessionId'> & { id: string }, requestId?: string): RequestContext {
    return new RequestContext(
      requestId,
      { userId: user.id, centreId: user.centreId, role: user.role, networkAdmin: user.networkAdmin },
      user.centreId,
    );
  }

  /** For jobs and first-run work that act for a centre without a signed-in user. */
  static system(centreId: string, requestId?: string): RequestContext {
    return new RequestContext(requestId, undefined, centreId);
  }

  get userId(): string | undefined {
    return this.actor?.userId;
  }

  /** The same request acting in another centre; refused unless the route grants network-wide access. */
  inCentre(centreId: string): RequestContext {
    if (centreId === this.centreId) return this;
    if (!this.acrossCentres) throw new ForbiddenError('Only a network admin can act in another centre');
    return new RequestContext(this.requestId, this.actor, centreId, true);
  }
}
