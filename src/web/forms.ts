import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DECORATORS } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '../common/errors.js';
import type { FieldError } from '../common/problem.js';
import { fieldErrors, unacceptableAt, undeclaredNulls } from '../common/validation.js';
import type { Translator } from '../ui/i18n/translator.js';
import type { FieldErrors } from '../ui/view.js';

export type FormBody = Record<string, unknown>;

/**
 * A posted form as the API's JSON body would carry it: blank fields left out, `a.b` names nested
 * (`followUp.dueDate`), repeated names (`tags`) as lists, and `_csrf` and other `_`-prefixed names dropped.
 * Fields named in `lists` are always lists, even with one value or none.
 */
export function formToPlain(body: FormBody, lists: string[] = []): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(body ?? {})) {
    if (name.startsWith('_')) continue;
    const values = (Array.isArray(raw) ? raw : [raw])
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    const value = lists.includes(name) ? values : values.length > 1 ? values : values[0];
    if (value === undefined) continue;
    const path = name.split('.');
    let node = plain;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = value;
  }
  for (const name of lists) if (!(name in plain)) plain[name] = [];
  return plain;
}

/** The type a DTO declares for a property: its TypeScript type, or its OpenAPI type when that is a union (`number | null`). */
function declaredType(dtoClass: new () => object, property: string): unknown {
  const api = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dtoClass.prototype, property) as
    { type?: unknown } | undefined;
  const designed = Reflect.getMetadata('design:type', dtoClass.prototype, property) as unknown;
  return designed === Object || designed === undefined ? api?.type : designed;
}

const TRUE = new Set(['true', 'on']);
const FALSE = new Set(['false', 'off']);

/**
 * Form text as the DTO's numbers and booleans: "12" for a number, "true"/"on" and "false"/"off" for a boolean.
 * Other text for a number stays text, so the DTO's own rule refuses it with its message ("cadenceDays must be an
 * integer"); other text for a boolean is refused by readForm ("not valid"), since class-transformer's implicit
 * conversion would make any text true.
 */
function coerceToDeclaredTypes(
  dtoClass: new () => object,
  plain: Record<string, unknown>,
): { plain: Record<string, unknown>; notYesOrNo: string[] } {
  const out: Record<string, unknown> = { ...plain };
  const notYesOrNo: string[] = [];
  for (const [property, value] of Object.entries(plain)) {
    if (typeof value !== 'string') continue;
    const type = declaredType(dtoClass, property);
    if ((type === Number || type === 'number' || type === 'integer') && /^-?\d+(\.\d+)?$/.test(value))
      out[property] = Number(value);
    else if (type === Boolean || type === 'boolean') {
      const word = value.toLowerCase();
      if (TRUE.has(word)) out[property] = true;
      else if (FALSE.has(word)) out[property] = false;
      else notYesOrNo.push(property);
    }
  }
  return { plain: out, notYesOrNo };
}

export type FormResult<T> = { ok: true; dto: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a posted form with the same DTO (and so the same rules) as the API route. Strings become numbers or
 * booleans where the DTO declares them (first by the words a form sends: "false" is false; then by
 * class-transformer's implicit conversion, which also builds nested DTOs); unknown fields are refused as the API
 * refuses them.
 */
export async function readForm<T extends object>(
  dtoClass: new () => T,
  body: FormBody,
  i18n: Translator,
  options: { lists?: string[]; extra?: Record<string, unknown> } = {},
): Promise<FormResult<T>> {
  const coerced = coerceToDeclaredTypes(dtoClass, formToPlain(body, options.lists));
  const plain = { ...coerced.plain, ...options.extra };
  const unacceptable = unacceptableAt(plain);
  if (unacceptable) return { ok: false, errors: localised([unacceptable], i18n) };
  const dto = plainToInstance(dtoClass, plain, { enableImplicitConversion: true });
  const invalid = i18n.t('common.field.invalid');
  const yesOrNo = coerced.notYesOrNo.filter((field) => !(field in (options.extra ?? {})));
  const errors = [
    ...yesOrNo.map((field) => ({ field, message: invalid })),
    ...undeclaredNulls(dto),
    ...fieldErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true })),
  ];
  return errors.length > 0 ? { ok: false, errors: localised(errors, i18n) } : { ok: true, dto };
}

/**
 * A service's refusal as field errors, when it names fields (a date in the future, a partner of another centre);
 * undefined for any other error, which the caller rethrows.
 */
export function domainFieldErrors(error: unknown, i18n: Translator, fallbackField = '_form'): FieldErrors | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code !== ErrorCode.Invalid && error.code !== ErrorCode.Conflict) return undefined;
  const fields = error.details.fields?.length
    ? error.details.fields
    : [{ field: fallbackField, message: error.message }];
  return localised(fields, i18n);
}

/**
 * One message per field, the first. Rules speak English (class-validator and the services): a French page says the
 * value is not valid, or missing, in French.
 */
function localised(errors: FieldError[], i18n: Translator): FieldErrors {
  const out: FieldErrors = {};
  for (const { field, message } of errors) {
    if (out[field]) continue;
    if (i18n.locale === 'en') out[field] = capitalise(message);
    else
      out[field] = /should not be empty|must not be empty|is required|cannot be empty/i.test(message)
        ? i18n.t('common.field.required')
        : i18n.t('common.field.invalid');
  }
  return out;
}

function capitalise(text: string): string {
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}` : text;
}
