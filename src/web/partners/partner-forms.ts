import { CreatePartnerDto, PartnerQueryDto, UpdatePartnerDto } from '../../partners/dto/partner.dto.js';
import type { Translator } from '../../ui/i18n/translator.js';
import { readForm, type FormBody, type FormResult } from '../forms.js';

/** A posted form or a query string as text by field name (a repeated name joined with commas), for re-rendering. */
export function textValues(body: FormBody | undefined, names?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(body ?? {})) {
    if (name.startsWith('_') || (names && !names.includes(name))) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    out[name] = values.join(',');
  }
  return out;
}

/** "sid, Funding  board" → ["sid", "Funding", "board"]: tags and kinds are typed as one line of words. */
export function words(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,;]+/)
    .map((word) => word.trim())
    .filter(Boolean);
}

/** The list's query string, validated by the API's own query DTO: a bad value is a message beside its filter. */
export function readPartnerQuery(
  values: Record<string, string>,
  i18n: Translator,
): Promise<FormResult<PartnerQueryDto>> {
  return readForm(PartnerQueryDto, values, i18n);
}

/** Optional fields a person may empty on the edit form: blank means "none" (null), not "unchanged". */
const CLEARABLE = ['ownerId', 'cadenceDays', 'country', 'region', 'website', 'notes'] as const;

/** The lists of the partner forms (tags, kinds), read from their text. */
function lists(text: Record<string, string>): Record<string, unknown> {
  return { tags: words(text.tags), kinds: words(text.kinds) };
}

/** The create form, through the API's CreatePartnerDto. */
export function readNewPartner(body: FormBody, i18n: Translator): Promise<FormResult<CreatePartnerDto>> {
  const text = textValues(body);
  return readForm(CreatePartnerDto, body, i18n, { extra: lists(text) });
}

/**
 * The edit form, through the API's UpdatePartnerDto. Every field is on the form, so a blank one is sent as
 * cleared (null), and a blank name or sector as empty text, which the DTO refuses as the API would.
 */
export function readPartnerEdit(body: FormBody, i18n: Translator): Promise<FormResult<UpdatePartnerDto>> {
  const text = textValues(body);
  const extra = lists(text);
  for (const name of CLEARABLE) if (!text[name]?.trim()) extra[name] = null;
  for (const name of ['name', 'sector']) if (!text[name]?.trim()) extra[name] = '';
  return readForm(UpdatePartnerDto, body, i18n, { extra });
}
