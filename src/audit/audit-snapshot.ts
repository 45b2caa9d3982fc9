/** Field names whose values never reach the audit trail (or a log): passwords, hashes, tokens, secrets. */
const SECRET_FIELD = /(^password$|hash$|token$|secret$)/i;
export const REDACTED = '[redacted]';

/** A JSON-safe copy of an entity for the audit trail, with secrets replaced by "[redacted]". */
export function auditSnapshot(value: unknown): Record<string, unknown> {
  return toJson(value) as Record<string, unknown>;
}

function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === undefined || typeof inner === 'function') continue;
      // Related entities loaded alongside are not part of this record's change.
      if (inner !== null && typeof inner === 'object' && !(inner instanceof Date) && !Array.isArray(inner) && 'id' in inner) continue;
      out[key] = SECRET_FIELD.test(key) ? REDACTED : toJson(inner);
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** The fields that differ, or undefined when nothing changed. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => k !== 'updatedAt' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
