import { Injectable } from '@nestjs/common';
import { requireActor } from '../auth/account.service.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { User, type DigestPreference } from '../auth/user.entity.js';
import { linkContext, type LinkedUser } from './link-context.js';
import { ReminderLinks } from './reminder-links.js';

export interface Preferences {
  digest: DigestPreference;
}

/** A user's reminder-email preference, from the API (signed in) or from the link every reminder email carries. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly scope: CentreScope,
    private readonly links: ReminderLinks,
  ) {}

  get(ctx: RequestContext): Promise<Preferences> {
    const actor = requireActor(ctx);
    return this.scope.read(ctx, async (tx) => ({ digest: (await tx.get(User, actor.userId)).digest }));
  }

  /** Audited like any change to the user (actor: the user). */
  set(ctx: RequestContext, digest: DigestPreference): Promise<Preferences> {
    const actor = requireActor(ctx);
    return this.scope.transaction(ctx, async (tx) => ({
      digest: (await tx.update(User, actor.userId, { digest })).digest,
    }));
  }

  /**
   * The signed-in-like context of a preferences link, with the user's language; undefined when the link is not
   * genuine or its user can no longer sign in.
   */
  async contextOfLink(token: string, requestId: string | undefined): Promise<LinkedUser | undefined> {
    const reading = this.links.readPreferences(token);
    if (!reading.ok) return undefined;
    return linkContext(this.scope, reading.claims, requestId);
  }
}
