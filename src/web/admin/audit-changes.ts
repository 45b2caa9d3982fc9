/** One field of an audited change, its values written out short. */
export interface AuditChange {
  field: string;
  before?: string;
  after?: string;
}

/** Bookkeeping every update touches: saying it changed tells nobody anything. */
const NOISE = new Set(['updatedAt', 'createdAt', 'id', 'centreId']);
const LONGEST = 80;

/** A stored value as a short line: text as is, lists and objects as JSON, cut at 80 characters. */
export function shortValue(value: unknown): string {
  const text = value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}

/**
 * What an audit event changed: for an update, the fields whose value differs (before → after); for a creation or an
 * inspection, the fields written or looked at; for a deletion, the fields removed. At most `limit` of them.
 */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  limit = 8,
): { changes: AuditChange[]; more: number } {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (field) => !NOISE.has(field),
  );
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const had = before !== null && field in before;
    const has = after !== null && field in after;
    if (had && has && JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    changes.push({
      field,
      ...(had ? { before: shortValue(before[field]) } : {}),
      ...(has ? { after: shortValue(after[field]) } : {}),
    });
  }
  return { changes: changes.slice(0, limit), more: Math.max(0, changes.length - limit) };
}

/** The name of the record, when its snapshot has one (partners, users, centres, boards…). */
export function recordName(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const name = after?.name ?? before?.name;
  return typeof name === 'string' ? name : '';
}
