import type { EngagementType } from '../../common/domain-values.js';
import type { DEFAULT_SECTORS } from '../../database/centre.entity.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { Translator } from '../../ui/i18n/translator.js';

const TYPE_LABELS = {
  meeting: 'dashboard.type.meeting',
  call: 'dashboard.type.call',
  email: 'dashboard.type.email',
  event: 'dashboard.type.event',
  sid_activity: 'dashboard.type.sid_activity',
  training: 'dashboard.type.training',
  study_visit: 'dashboard.type.study_visit',
  board_meeting: 'dashboard.type.board_meeting',
  other: 'dashboard.type.otherType',
} as const satisfies Record<EngagementType, MessageKey>;

const SECTOR_LABELS = {
  industry: 'dashboard.sector.industry',
  telecom: 'dashboard.sector.telecom',
  government: 'dashboard.sector.government',
  local_authority: 'dashboard.sector.local_authority',
  law_enforcement: 'dashboard.sector.law_enforcement',
  education: 'dashboard.sector.education',
  academia: 'dashboard.sector.academia',
  ngo: 'dashboard.sector.ngo',
  media: 'dashboard.sector.media',
  health: 'dashboard.sector.health',
  youth: 'dashboard.sector.youth',
  parents: 'dashboard.sector.parents',
  other: 'dashboard.sector.otherSector',
} as const satisfies Record<(typeof DEFAULT_SECTORS)[number], MessageKey>;

/** A sector or type the catalogue does not know (a centre's own sector): its name, readable. */
function readable(name: string): string {
  const spaced = name.replace(/_/g, ' ');
  return spaced ? `${spaced[0]!.toUpperCase()}${spaced.slice(1)}` : spaced;
}

/** The key of `name` in `labels`, own keys only (a sector named "constructor" is just a name). */
function keyOf(labels: Record<string, MessageKey>, name: string): MessageKey | undefined {
  return Object.hasOwn(labels, name) ? labels[name] : undefined;
}

export function typeLabel(i18n: Translator, type: string): string {
  const key = keyOf(TYPE_LABELS, type);
  return key ? i18n.t(key) : readable(type);
}

/** Sectors are centre-extensible: the starting list is translated, a centre's own sectors keep their name. */
export function sectorLabel(i18n: Translator, sector: string): string {
  const key = keyOf(SECTOR_LABELS, sector);
  return key ? i18n.t(key) : readable(sector);
}
