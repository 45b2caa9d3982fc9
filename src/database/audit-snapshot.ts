/** Field names whose values never reach the audit trail (or a log): passwords, hashes, tokens, secrets. */
const SECRET_FIELD = /(^password$|hash$|token$|secret$)/i;
export const REDACTED = '[redacted]';
export const PERSONAL = '[personal data]';

/**
 * A partner's people: their personal fields live in the contact table only, so that erasing a person is one
 * update there; the append-only audit trail records that they changed, not what they were.
 */
const PERSONAL_FIELDS: Record<string, readonly string[]> = {
  contact: ['name', 'email', 'phone', 'jobTitle'],
};

/** A JSON-safe copy of an entity for the audit trail: secrets redacted, personal fields of `entityType` masked. */
export function auditSnapshot(value: unknown, entityType?: string): Record<string, unknown> {
  const snapshot = toJson(value) as Record<string, unknown>;
  for (const field of (entityType && PERSONAL_FIELDS[entityType]) || []) {
    if (snapshot[field] !== undefined && snapshot[field] !== null) snapshot[field] = PERSONAL;
  }
  return snapshot;
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
      if (
        inner !== null &&
        typeof inner === 'object' &&
        !(inner instanceof Date) &&
        !Array.isArray(inner) &&
        'id' in inner
      )
        continue;
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
