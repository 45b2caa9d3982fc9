import { RequestContext } from '../common/request-context.js';
import { NotFoundError } from '../common/errors.js';
import type { CentreScope } from '../database/centre-scope.js';
import { User } from '../auth/user.entity.js';
import type { UserLinkClaims } from './reminder-links.js';

/**
 * The context an emailed link acts in: its user, as if signed in, so that the same rules and the audit trail
 * apply (the actor is the user). Undefined when the user is gone or deactivated: their links stop working.
 */
export async function linkContext(
  scope: CentreScope,
  claims: UserLinkClaims,
  requestId: string | undefined,
): Promise<{ ctx: RequestContext; user: User } | undefined> {
  const user = await scope
    .read(RequestContext.system(claims.centreId, requestId), (tx) => tx.get(User, claims.userId))
    .catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
  if (!user?.active) return undefined;
  return { ctx: RequestContext.forUser(user, requestId), user };
}
