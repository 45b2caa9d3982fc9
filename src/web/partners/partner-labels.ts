import type { PartnerTier } from '../../database/centre.entity.js';
import type {
  BoardRole,
  EngagementType,
  LawfulBasis,
  PartnerStatus,
  SidRoleKind,
  SidRoleStatus,
} from '../../common/domain-values.js';
import type { CadenceSource } from '../../partners/partner-derived.sql.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { Translator } from '../../ui/i18n/translator.js';
import type { Option } from '../../ui/components/form.js';

/** The words of the domain's closed lists, as the catalogue names them (literal keys: the catalogue test reads them). */
export const TIER_LABELS = {
  key: 'partners.tier.key',
  regular: 'partners.tier.regular',
  occasional: 'partners.tier.occasional',
} as const satisfies Record<PartnerTier, MessageKey>;

export const STATUS_LABELS = {
  prospect: 'partners.status.prospect',
  active: 'partners.status.active',
  paused: 'partners.status.paused',
  former: 'partners.status.former',
} as const satisfies Record<PartnerStatus, MessageKey>;

/** The starting sectors; a centre's own sectors are shown as written. */
export const SECTOR_LABELS: Record<string, MessageKey> = {
  industry: 'partners.sector.industry',
  telecom: 'partners.sector.telecom',
  government: 'partners.sector.government',
  local_authority: 'partners.sector.local_authority',
  law_enforcement: 'partners.sector.law_enforcement',
  education: 'partners.sector.education',
  academia: 'partners.sector.academia',
  ngo: 'partners.sector.ngo',
  media: 'partners.sector.media',
  health: 'partners.sector.health',
  youth: 'partners.sector.youth',
  parents: 'partners.sector.parents',
  other: 'partners.sector.otherSector',
};

export const ENGAGEMENT_TYPE_LABELS = {
  meeting: 'partners.engagementType.meeting',
  call: 'partners.engagementType.call',
  email: 'partners.engagementType.email',
  event: 'partners.engagementType.event',
  sid_activity: 'partners.engagementType.sid_activity',
  training: 'partners.engagementType.training',
  study_visit: 'partners.engagementType.study_visit',
  board_meeting: 'partners.engagementType.board_meeting',
  other: 'partners.engagementType.otherType',
} as const satisfies Record<EngagementType, MessageKey>;

export const LAWFUL_BASIS_LABELS = {
  consent: 'partners.lawfulBasis.consent',
  legitimate_interest: 'partners.lawfulBasis.legitimate_interest',
  contract: 'partners.lawfulBasis.contract',
} as const satisfies Record<LawfulBasis, MessageKey>;

export const CADENCE_SOURCE_LABELS = {
  partner: 'partners.cadenceSource.partner',
  sector: 'partners.cadenceSource.sector',
  tier: 'partners.cadenceSource.tier',
  default: 'partners.cadenceSource.default',
} as const satisfies Record<CadenceSource, MessageKey>;

export const SID_ROLE_LABELS = {
  sponsor: 'partners.sidRole.sponsor',
  supporter: 'partners.sidRole.supporter',
  showcase: 'partners.sidRole.showcase',
  activity_host: 'partners.sidRole.activity_host',
  media: 'partners.sidRole.media',
  speaker: 'partners.sidRole.speaker',
  content_co_creator: 'partners.sidRole.content_co_creator',
  ambassador_programme: 'partners.sidRole.ambassador_programme',
  other: 'partners.sidRole.otherRole',
} as const satisfies Record<SidRoleKind, MessageKey>;

export const SID_STATUS_LABELS = {
  invited: 'partners.sidStatus.invited',
  confirmed: 'partners.sidStatus.confirmed',
  delivered: 'partners.sidStatus.delivered',
  declined: 'partners.sidStatus.declined',
} as const satisfies Record<SidRoleStatus, MessageKey>;

export const BOARD_ROLE_LABELS = {
  chair: 'partners.boardRole.chair',
  member: 'partners.boardRole.member',
  observer: 'partners.boardRole.observer',
} as const satisfies Record<BoardRole, MessageKey>;

/** A label from a closed list, or the value itself (with spaces) for a word the catalogue does not know. */
export function labelOf(
  t: Translator['t'],
  labels: Record<string, MessageKey>,
  value: string | null | undefined,
): string {
  if (!value) return '';
  const key = labels[value];
  return key ? t(key) : value.replace(/_/g, ' ');
}

/** Select options for a closed list, in its own order. */
export function optionsOf(t: Translator['t'], labels: Record<string, MessageKey>, values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: labelOf(t, labels, value) }));
}
