import type { Actor } from '../common/request-context.js';

/**
 * Who may edit or delete an engagement (issue 13: "edit and delete your own; managers and admins: any").
 * A coordinator may change the engagements they logged, and those nobody logged (imported history, work done
 * without a user), which would otherwise be left for a manager to fix. Work without a signed-in user (jobs) may.
 * The service refuses by this rule; pages use it to show the buttons only when it allows.
 */
export function mayChangeEngagement(
  actor: Pick<Actor, 'userId' | 'role'> | undefined,
  loggedById: string | null,
): boolean {
  if (!actor || actor.role !== 'coordinator') return true;
  return loggedById === null || loggedById === actor.userId;
}
