import { SetMetadata } from '@nestjs/common';
import type { Actor } from '../common/request-context.js';
import { USER_ROLES, type UserRole } from '../common/domain-values.js';

export const POLICY_KEY = 'keepwarm:policy';

/**
 * Who may call a route. Every route declares one (AuthGuard refuses a route without a policy, and the app
 * will not start with one: see route-table.ts).
 * - `public`: no sign-in (login, password reset, health).
 * - `roles`: signed-in users with one of these roles, within their own centre.
 * - `networkAdmin: 'also'`: network admins as well, in any centre; `'only'`: network admins alone.
 */
export interface AccessPolicy {
  public?: true;
  roles?: readonly UserRole[];
  networkAdmin?: 'also' | 'only';
}

const Policy = (policy: AccessPolicy) => SetMetadata(POLICY_KEY, policy);

export const Public = () => Policy({ public: true });
export const SignedIn = () => Policy({ roles: USER_ROLES });
export const Roles = (...roles: UserRole[]) => Policy({ roles });
export const RolesOrNetworkAdmin = (...roles: UserRole[]) => Policy({ roles, networkAdmin: 'also' });
export const NetworkAdminOnly = () => Policy({ networkAdmin: 'only' });

/** Whether `actor` may call a route with `policy` (public routes admit everyone). */
export function allows(policy: AccessPolicy, actor: Actor | undefined): boolean {
  if (policy.public) return true;
  if (!actor) return false;
  if (policy.networkAdmin && actor.networkAdmin) return true;
  if (policy.networkAdmin === 'only') return false;
  return (policy.roles ?? []).includes(actor.role);
}

/** Whether the route lets this actor reach other centres' records. */
export function reachesAcrossCentres(policy: AccessPolicy, actor: Actor | undefined): boolean {
  return Boolean(policy.networkAdmin && actor?.networkAdmin);
}

export function describePolicy(policy: AccessPolicy): string {
  if (policy.public) return 'public';
  const parts: string[] = policy.networkAdmin === 'only' ? [] : [...(policy.roles ?? [])];
  if (policy.networkAdmin) parts.push('network admin');
  return parts.join(', ');
}
