import { RequestContext } from '../common/request-context.js';
import { NotFoundError } from '../common/errors.js';
import type { CentreScope } from '../database/centre-scope.js';
import { User } from '../auth/user.entity.js';
import { chooseLocale, type Locale } from '../ui/i18n/translator.js';
import type { UserLinkClaims } from './reminder-links.js';

/** The user an emailed link acts as, and the language its pages speak to them. */
export interface LinkedUser {
  ctx: RequestContext;
  user: User;
  /** The user's own language, else the centre's, else English: the language of the email the link came in. */
  locale: Locale;
}

/**
 * The context an emailed link acts in: its user, as if signed in, so that the same rules and the audit trail
 * apply (the actor is the user). Undefined when the user is gone or deactivated: their links stop working.
 */
export async function linkContext(
  scope: CentreScope,
  claims: UserLinkClaims,
  requestId: string | undefined,
): Promise<LinkedUser | undefined> {
  const found = await scope
    .read(RequestContext.system(claims.centreId, requestId), async (tx) => ({
      user: await tx.get(User, claims.userId),
      centreLocale: (await tx.centre()).locale,
    }))
    .catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
  if (!found?.user.active) return undefined;
  return {
    ctx: RequestContext.forUser(found.user, requestId),
    user: found.user,
    locale: chooseLocale({ user: found.user.locale, centre: found.centreLocale }),
  };
}
