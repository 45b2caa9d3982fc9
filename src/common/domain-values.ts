/** The closed lists of the domain model (DESIGN.md "Domain model"), shared by entities, DTOs and SQL checks. */

export const USER_ROLES = ['admin', 'manager', 'coordinator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PARTNER_STATUSES = ['prospect', 'active', 'paused', 'former'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const ENGAGEMENT_TYPES = [
  'meeting',
  'call',
  'email',
  'event',
  'sid_activity',
  'training',
  'study_visit',
  'board_meeting',
  'other',
] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export const LAWFUL_BASES = ['consent', 'legitimate_interest', 'contract'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

export const BOARD_ROLES = ['chair', 'member', 'observer'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

export const SID_ROLE_KINDS = [
  'sponsor',
  'supporter',
  'showcase',
  'activity_host',
  'media',
  'speaker',
  'content_co_creator',
  'ambassador_programme',
  'other',
] as const;
export type SidRoleKind = (typeof SID_ROLE_KINDS)[number];

export const SID_ROLE_STATUSES = ['invited', 'confirmed', 'delivered', 'declined'] as const;
export type SidRoleStatus = (typeof SID_ROLE_STATUSES)[number];

/** `'a', 'b'` for a CHECK constraint. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
