/** Field names whose values never reach the audit trail (or a log): passwords, hashes, tokens, secrets. */
const SECRET_FIELD = /(^password$|hash$|token$|secret$)/i;
export const REDACTED = '[redacted]';
export const PERSONAL = '[personal data]';

/**
 * A partner's people: their personal fields live in the contact table only (and folded into the partner's search
 * text, which erasing refreshes), so that erasing a person is one update there; the append-only audit trail records
 * that they changed, not what they were.
 */
const PERSONAL_FIELDS: Record<string, readonly string[]> = {
  contact: ['name', 'email', 'phone', 'jobTitle'],
  partner: ['searchText'],
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

/** A column of a table, for auditSnapshotSql: its entity property, its column name, its SQL type. */
export interface SnapshotColumn {
  propertyName: string;
  databaseName: string;
  sqlType: string;
}

/** jsonb_build_object takes at most 100 arguments: 50 fields a call, joined with ||. */
const FIELDS_PER_CALL = 50;

/**
 * auditSnapshot() in SQL, for the rows of `alias` (an INSERT's RETURNING, say), so a bulk insert builds its audit
 * rows in the same statement instead of in Node: the same field names (the entity's properties), timestamps as
 * the same ISO strings (UTC, milliseconds, "Z"), bigints as strings, secrets redacted and `entityType`'s personal
 * fields masked when they have a value. An integration test checks it against auditSnapshot (imports.test.ts).
 */
export function auditSnapshotSql(columns: readonly SnapshotColumn[], entityType: string, alias: string): string {
  const personal = PERSONAL_FIELDS[entityType] ?? [];
  const fields = columns.map(({ propertyName, databaseName, sqlType }) => {
    const column = `${alias}."${databaseName}"`;
    let value: string;
    if (SECRET_FIELD.test(propertyName)) value = `'${REDACTED}'::text`;
    else if (personal.includes(propertyName)) value = `CASE WHEN ${column} IS NOT NULL THEN '${PERSONAL}' END`;
    else if (/^(timestamptz|timestamp with time zone)$/i.test(sqlType))
      value = `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    else if (/^(bigint|int8)$/i.test(sqlType)) value = `${column}::text`;
    else value = column;
    return `'${propertyName}', ${value}`;
  });
  const calls: string[] = [];
  for (let start = 0; start < fields.length; start += FIELDS_PER_CALL)
    calls.push(`jsonb_build_object(${fields.slice(start, start + FIELDS_PER_CALL).join(', ')})`);
  return calls.length > 0 ? calls.join(' || ') : `'{}'::jsonb`;
}
