/** Characters a spreadsheet reads as the start of a formula (or that hide one: a leading tab or carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe against formula injection: one that begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, so a spreadsheet shows it as text instead of running it.
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A value as a CSV cell: nothing for null, ISO 8601 for a date, `true`/`false`, numbers as written, a list
 * joined with `; `; text (and lists) neutralised. Numbers are not text a user typed, so `-3` stays `-3`.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return neutraliseCell(value.map((item) => String(item)).join('; '));
  return neutraliseCell(String(value as string));
}
