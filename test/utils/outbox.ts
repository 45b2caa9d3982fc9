import { simpleParser, type ParsedMail } from 'mailparser';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestApp } from './app.js';
import { waitFor } from './wait.js';

export interface OutboxEmail {
  file: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

const parsed = new Map<string, Promise<ParsedMail>>();

/** Every email the app wrote to DATA_DIR/outbox (no SMTP_URL) so far, addressed to `to` (case-insensitive). */
export async function emailsTo(app: TestApp, to: string): Promise<OutboxEmail[]> {
  const dir = join(app.dataDir, 'outbox');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  const emails: OutboxEmail[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (!parsed.has(path))
      parsed.set(
        path,
        readFile(path).then((raw) => simpleParser(raw)),
      );
    const mail = await parsed.get(path)!;
    const addresses = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
      a.value.map((v) => (v.address ?? '').toLowerCase()),
    );
    if (!addresses.includes(to.toLowerCase())) continue;
    emails.push({
      file: name,
      to: addresses,
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : '',
    });
  }
  return emails;
}

/** Waits until at least `count` emails to `to` are in the outbox, and returns them all. */
export function waitForEmails(app: TestApp, to: string, count = 1): Promise<OutboxEmail[]> {
  return waitFor(`${count} email(s) to ${to}`, async () => {
    const emails = await emailsTo(app, to);
    return emails.length >= count ? emails : undefined;
  });
}
