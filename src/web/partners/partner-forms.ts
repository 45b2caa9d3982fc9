import { CreatePartnerDto, PartnerQueryDto, UpdatePartnerDto } from '../../partners/dto/partner.dto.js';
import type { Translator } from '../../ui/i18n/translator.js';
import type { FieldErrors } from '../../ui/view.js';
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

/**
 * "true" / "false" of a yes-or-no filter. Read here rather than by readForm: its implicit conversion would make
 * the text "false" (or any text) true.
 */
function flag(text: string | undefined): boolean | undefined | 'invalid' {
  if (text === undefined || text.trim() === '') return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return 'invalid';
}

/** The list's query string, validated by the API's own query DTO: a bad value is a message beside its filter. */
export async function readPartnerQuery(
  values: Record<string, string>,
  i18n: Translator,
): Promise<FormResult<PartnerQueryDto>> {
  const { overdue, archived, ...rest } = values;
  const errors: FieldErrors = {};
  const extra: Record<string, boolean> = {};
  for (const [name, text] of Object.entries({ overdue, archived })) {
    const value = flag(text);
    if (value === 'invalid') errors[name] = i18n.t('common.field.invalid');
    else if (value !== undefined) extra[name] = value;
  }
  const read = await readForm(PartnerQueryDto, rest, i18n, { extra });
  if (!read.ok) return { ok: false, errors: { ...read.errors, ...errors } };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : read;
}

/** Optional fields a person may empty on the edit form: blank means "none" (null), not "unchanged". */
const CLEARABLE = ['ownerId', 'cadenceDays', 'country', 'region', 'website', 'notes'] as const;

/**
 * Whole numbers typed in a form, as numbers. readForm's implicit conversion misses fields declared `number | null`
 * (their reflected type is Object), so the form reads them itself; other text stays text and fails validation.
 */
function wholeNumber(text: string | undefined): number | string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Lists and numbers of the partner forms, read from their text. */
function listsAndNumbers(text: Record<string, string>): Record<string, unknown> {
  const extra: Record<string, unknown> = { tags: words(text.tags), kinds: words(text.kinds) };
  const cadenceDays = wholeNumber(text.cadenceDays);
  if (cadenceDays !== undefined) extra.cadenceDays = cadenceDays;
  return extra;
}

/** The create form, through the API's CreatePartnerDto. */
export function readNewPartner(body: FormBody, i18n: Translator): Promise<FormResult<CreatePartnerDto>> {
  const text = textValues(body);
  return readForm(CreatePartnerDto, body, i18n, { extra: listsAndNumbers(text) });
}

/**
 * The edit form, through the API's UpdatePartnerDto. Every field is on the form, so a blank one is sent as
 * cleared (null), and a blank name or sector as empty text, which the DTO refuses as the API would.
 */
export function readPartnerEdit(body: FormBody, i18n: Translator): Promise<FormResult<UpdatePartnerDto>> {
  const text = textValues(body);
  const extra = listsAndNumbers(text);
  for (const name of CLEARABLE) if (!text[name]?.trim()) extra[name] = null;
  for (const name of ['name', 'sector']) if (!text[name]?.trim()) extra[name] = '';
  return readForm(UpdatePartnerDto, body, i18n, { extra });
}
