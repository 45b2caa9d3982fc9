import type { SidRoleStatus } from '../common/domain-values.js';

/**
 * How a partner's SID role moves: invited → confirmed → delivered, or declined on the way (from invited or
 * confirmed); a declined partner can be invited again; delivered is final.
 */
export const SID_ROLE_TRANSITIONS: Readonly<Record<SidRoleStatus, readonly SidRoleStatus[]>> = {
  invited: ['confirmed', 'declined'],
  confirmed: ['delivered', 'declined'],
  declined: ['invited'],
  delivered: [],
};

/** A new role is recorded as an invitation, or straight as confirmed when the partner said yes before it was logged. */
export const SID_ROLE_INITIAL_STATUSES = ['invited', 'confirmed'] as const satisfies readonly SidRoleStatus[];
export type SidRoleInitialStatus = (typeof SID_ROLE_INITIAL_STATUSES)[number];

/** Roles that never came to anything can be deleted; confirmed and delivered ones are part of the year's history. */
export const SID_ROLE_DELETABLE_STATUSES = ['invited', 'declined'] as const satisfies readonly SidRoleStatus[];

export type TransitionOutcome = 'unchanged' | 'allowed' | 'refused';

export function transitionOf(from: SidRoleStatus, to: SidRoleStatus): TransitionOutcome {
  if (from === to) return 'unchanged';
  return SID_ROLE_TRANSITIONS[from].includes(to) ? 'allowed' : 'refused';
}

export function canDelete(status: SidRoleStatus): boolean {
  return (SID_ROLE_DELETABLE_STATUSES as readonly SidRoleStatus[]).includes(status);
}

/** Why a move is refused, naming both statuses and what is possible instead. */
export function refusalOf(from: SidRoleStatus, to: SidRoleStatus): string {
  const next = SID_ROLE_TRANSITIONS[from];
  const options = next.length === 0 ? `${from} is final` : `from ${from} it can only become ${next.join(' or ')}`;
  return `A SID role cannot go from ${from} to ${to}: ${options}`;
}
