import type { CentreResponse } from '../../centres/dto/centre.dto.js';
import { PARTNER_TIERS, type PartnerTier } from '../../database/centre.entity.js';
import type { FormBody } from '../forms.js';

const CADENCE_PREFIX = 'cadence.';

/** One value per line (or separated by commas): the sectors textarea. */
export function splitList(value: unknown, separators = /[\n,]/): string[] {
  const raw = Array.isArray(value) ? value : [value];
  return raw
    .filter((item): item is string => typeof item === 'string')
    .flatMap((item) => item.split(separators))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Digits become numbers; anything else stays text, so the DTO names it as not a whole number. */
function wholeNumber(value: string): number | string {
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

/**
 * The posted settings form as UpdateCentreDto's JSON body. Text fields the DTO requires are sent even when blank
 * (blank would otherwise mean "unchanged", and a cleared name would be silently kept); the sectors come one per
 * line, the keep-warm plan as days separated by commas or spaces; the cadence policy is sent whole, as the API
 * wants it. A sector removed in the same submission takes its board requirement and its cadence with it.
 */
export function settingsBody(body: FormBody): Record<string, unknown> {
  const sectors = splitList(body.sectors);
  const known = new Set(sectors);
  const required = splitList(body.requiredBoardSectors).filter((sector) => known.has(sector));
  const bySector: Record<string, number | string> = {};
  const byTier: Partial<Record<PartnerTier, number | string>> = {};
  let defaultDays: number | string | undefined;
  for (const [name, raw] of Object.entries(body ?? {})) {
    if (!name.startsWith(CADENCE_PREFIX) || typeof raw !== 'string' || raw.trim() === '') continue;
    const [group, key] = name.slice(CADENCE_PREFIX.length).split('.') as [string, string | undefined];
    const value = wholeNumber(raw.trim());
    if (group === 'defaultDays' && key === undefined) defaultDays = value;
    else if (group === 'byTier' && (PARTNER_TIERS as readonly string[]).includes(key ?? ''))
      byTier[key as PartnerTier] = value;
    else if (group === 'bySector' && key && known.has(key)) bySector[key] = value;
  }
  return {
    name: text(body.name),
    country: text(body.country),
    timezone: text(body.timezone),
    ...optional('locale', text(body.locale)),
    ...optional('reminderHour', text(body.reminderHour)),
    ...optional('sidDaysBefore', text(body.sidDaysBefore)),
    ...optional('sidDaysAfter', text(body.sidDaysAfter)),
    sectors,
    requiredBoardSectors: required,
    keepWarmPlan: splitList(body.keepWarmPlan, /[\s,;]+/).map(wholeNumber),
    cadence: { defaultDays, byTier, bySector },
    // Blank turns retention off: the API's null.
    contactRetentionMonths:
      text(body.contactRetentionMonths) === '' ? null : wholeNumber(text(body.contactRetentionMonths)),
  };
}

/** The form's values from the centre as saved (the page shows them before any submission). */
export function settingsValues(centre: CentreResponse): FormBody {
  const values: FormBody = {
    name: centre.name,
    country: centre.country,
    timezone: centre.timezone,
    locale: centre.locale,
    reminderHour: String(centre.reminderHour),
    sidDaysBefore: String(centre.sidDaysBefore),
    sidDaysAfter: String(centre.sidDaysAfter),
    sectors: centre.sectors.join('\n'),
    requiredBoardSectors: [...centre.requiredBoardSectors],
    keepWarmPlan: centre.keepWarmPlan.join(', '),
    'cadence.defaultDays': String(centre.cadence.defaultDays),
    contactRetentionMonths: centre.contactRetentionMonths === null ? '' : String(centre.contactRetentionMonths),
  };
  for (const [tier, days] of Object.entries(centre.cadence.byTier ?? {}))
    if (days !== undefined) values[`cadence.byTier.${tier}`] = String(days);
  for (const [sector, days] of Object.entries(centre.cadence.bySector ?? {}))
    values[`cadence.bySector.${sector}`] = String(days);
  return values;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function optional(name: string, value: string): Record<string, string> {
  return value === '' ? {} : { [name]: value };
}
