import type { FormBody } from '../forms.js';

/**
 * Whole numbers typed into the named fields, as numbers, for readForm's `extra`. Its implicit conversion follows the
 * reflected type, and a field typed `number | null` (sidYear, meetingCadenceDays) reflects as Object: "60" would stay
 * a string and be refused. Anything else stays as typed, for the DTO to refuse with its own message.
 */
export function wholeNumbers(body: FormBody, names: string[]): Record<string, number> {
  const numbers: Record<string, number> = {};
  for (const name of names) {
    const value = body[name];
    if (typeof value === 'string' && /^\s*-?\d{1,9}\s*$/.test(value)) numbers[name] = Number(value);
  }
  return numbers;
}
