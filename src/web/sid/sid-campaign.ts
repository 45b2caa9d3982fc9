import type { SidRoleKind, SidRoleStatus } from '../../common/domain-values.js';
import { SID_ROLE_STATUSES } from '../../common/domain-values.js';
import type { SidRoleResponse } from '../../sid/dto/sid-role.dto.js';

/** A partner the campaign page can offer: current (not archived), with its status. */
export interface PartnerChoice {
  id: string;
  name: string;
  status: string;
}

/** A partner that had a SID role last year and has none yet this year, with what it did then. */
export interface LastYearParticipant {
  partnerId: string;
  partnerName: string;
  /** Last year's roles, the one that went furthest first: "Invite" offers that role again. */
  roles: { role: SidRoleKind; status: SidRoleStatus }[];
}

/** How far a role got, for choosing which of last year's roles to offer again: delivered first, declined last. */
const PROGRESS: Record<SidRoleStatus, number> = { delivered: 0, confirmed: 1, invited: 2, declined: 3 };

/** The year's roles in the board's columns, each column in the list's order (by partner name). */
export function rolesByStatus(roles: readonly SidRoleResponse[]): Record<SidRoleStatus, SidRoleResponse[]> {
  const columns = Object.fromEntries(SID_ROLE_STATUSES.map((status) => [status, [] as SidRoleResponse[]])) as Record<
    SidRoleStatus,
    SidRoleResponse[]
  >;
  for (const role of roles) columns[role.status].push(role);
  return columns;
}

/**
 * Last year's partners with no role yet this year, as the reminder scan's SID invitations pick them: any role last
 * year (a partner who declined may say yes this time), none this year, and still current (not archived, not former).
 * By partner name.
 */
export function notYetInvited(
  lastYear: readonly SidRoleResponse[],
  thisYear: readonly SidRoleResponse[],
  current: readonly PartnerChoice[],
): LastYearParticipant[] {
  const invited = new Set(thisYear.map((role) => role.partnerId));
  const eligible = new Set(current.filter((p) => p.status !== 'former').map((p) => p.id));
  const byPartner = new Map<string, LastYearParticipant>();
  for (const role of lastYear) {
    if (invited.has(role.partnerId) || !eligible.has(role.partnerId)) continue;
    let entry = byPartner.get(role.partnerId);
    if (!entry) {
      entry = { partnerId: role.partnerId, partnerName: role.partnerName, roles: [] };
      byPartner.set(role.partnerId, entry);
    }
    entry.roles.push({ role: role.role, status: role.status });
  }
  const participants = [...byPartner.values()];
  for (const participant of participants) participant.roles.sort((a, b) => PROGRESS[a.status] - PROGRESS[b.status]);
  return participants.sort(
    (a, b) => a.partnerName.localeCompare(b.partnerName) || a.partnerId.localeCompare(b.partnerId),
  );
}
