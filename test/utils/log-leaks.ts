/**
 * What no log line of the suite may contain: an argon2 hash (or its salt), a session or CSRF token the run issued,
 * or a contact's email address. TestApp.close() checks every app the suite boots; e2e tests check their processes.
 */
const issued = new Set<string>();
const contactEmails = new Set<string>();

/** Remembers a secret the app handed out (call() does it for every login response). */
export function rememberIssued(...values: unknown[]): void {
  for (const value of values) if (typeof value === 'string' && value.length >= 16) issued.add(value);
}

/** Remembers the email of a contact written through the API (call() does it). */
export function rememberContactEmail(email: unknown): void {
  if (typeof email === 'string' && email.includes('@')) contactEmails.add(email.trim().toLowerCase());
}

/** `<uuid>.<HMAC>`: the shape of a session token (and of a signed link's end), whoever issued it. */
const TOKEN_SHAPE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.[0-9a-z]+)*\.[A-Za-z0-9_-]{40,}/i;

/** The lines that leak, each with what it leaks; `moreEmails`: contacts' emails found elsewhere (e.g. in the database). */
export function leaksIn(
  lines: (Record<string, unknown> | string)[],
  moreEmails: string[] = [],
): { leak: string; line: string }[] {
  const emails = new Set([...contactEmails, ...moreEmails.filter(Boolean).map((e) => e.toLowerCase())]);
  const leaks: { leak: string; line: string }[] = [];
  for (const entry of lines) {
    const line = typeof entry === 'string' ? entry : JSON.stringify(entry);
    const lower = line.toLowerCase();
    if (line.includes('$argon2')) leaks.push({ leak: 'an argon2 hash', line });
    if (TOKEN_SHAPE.test(line)) leaks.push({ leak: 'a signed token', line });
    for (const secret of issued) if (line.includes(secret)) leaks.push({ leak: 'a token issued in this run', line });
    for (const email of emails) if (lower.includes(email)) leaks.push({ leak: `the contact email ${email}`, line });
  }
  return leaks;
}

/** Throws, naming each leak, when one of the lines leaks. */
export function assertNoLeaks(
  what: string,
  lines: (Record<string, unknown> | string)[],
  moreEmails: string[] = [],
): void {
  const leaks = leaksIn(lines, moreEmails);
  if (leaks.length === 0) return;
  const shown = leaks.slice(0, 5).map((l) => `- ${l.leak}: ${l.line.slice(0, 500)}`);
  throw new Error(`${what} logged ${leaks.length} line(s) with secrets or personal data:\n${shown.join('\n')}`);
}
