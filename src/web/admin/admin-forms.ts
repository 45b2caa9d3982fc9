import type { Translator } from '../../ui/i18n/translator.js';
import type { FieldErrors } from '../../ui/view.js';
import { safeNext } from '../flash.js';
import { readForm, type FormBody } from '../forms.js';

/**
 * A list page's query string read with the API's query DTO: only the names the page offers (a stray `utm_source`
 * must not turn into an error), and on a bad value the defaults with the errors to show next to the filters.
 */
export async function readListQuery<T extends object>(
  dtoClass: new () => T,
  query: unknown,
  names: readonly string[],
  i18n: Translator,
): Promise<{ dto: T; errors?: FieldErrors }> {
  const body = pick(query, names);
  const result = await readForm(dtoClass, body, i18n);
  return result.ok ? { dto: result.dto } : { dto: new dtoClass(), errors: result.errors };
}

/** The named fields of a query or a form body, and nothing else. */
export function pick(source: unknown, names: readonly string[]): FormBody {
  const from = (source ?? {}) as FormBody;
  return Object.fromEntries(names.filter((name) => from[name] !== undefined).map((name) => [name, from[name]]));
}

/** Where a form goes back to: the page it came from (its filters kept), when that is one of `section`'s pages. */
export function backTo(value: unknown, section: string): string {
  const path = safeNext(value);
  return path === section || path.startsWith(`${section}?`) ? path : section;
}

/** The value of the form field `name` as one trimmed string ('' when absent or repeated). */
export function text(body: FormBody, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Whether a list is narrowed by any filter (a blank field or the page and sort order do not narrow it). */
export function isFiltered(values: FormBody, notFilters: readonly string[] = ['page', 'sort']): boolean {
  return Object.entries(values).some(
    ([name, value]) => !notFilters.includes(name) && typeof value === 'string' && value.trim() !== '',
  );
}
