import type { BoardRole } from '../../common/domain-values.js';
import type { DEFAULT_SECTORS } from '../../database/centre.entity.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import type { View } from '../../ui/view.js';

export const ROLE_LABELS = {
  chair: 'boards.role.chair',
  member: 'boards.role.member',
  observer: 'boards.role.observer',
} satisfies Record<BoardRole, MessageKey>;

const SECTOR_LABELS: Record<string, MessageKey> = {
  industry: 'boards.sector.industry',
  telecom: 'boards.sector.telecom',
  government: 'boards.sector.government',
  local_authority: 'boards.sector.local_authority',
  law_enforcement: 'boards.sector.law_enforcement',
  education: 'boards.sector.education',
  academia: 'boards.sector.academia',
  ngo: 'boards.sector.ngo',
  media: 'boards.sector.media',
  health: 'boards.sector.health',
  youth: 'boards.sector.youth',
  parents: 'boards.sector.parents',
  other: 'boards.sector.otherSector',
} satisfies Record<(typeof DEFAULT_SECTORS)[number], MessageKey>;

/** A sector's name: the catalogue's for the starting list, the centre's own word (made readable) for the others. */
export function sectorLabel(view: View, sector: string): string {
  const key = SECTOR_LABELS[sector];
  if (key) return view.i18n.t(key);
  const words = sector.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
