import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SECRET_FILE = 'app-secret';

/**
 * APP_SECRET signs tokens and links. When the operator gives none, one is generated on first
 * start and kept under DATA_DIR, so sessions and emailed links survive a restart.
 */
export async function resolveAppSecret(given: string | undefined, dataDir: string): Promise<string> {
  if (given) return given;
  const file = join(dataDir, SECRET_FILE);
  const stored = await readStored(file);
  if (stored !== undefined) {
    if (stored.length >= 32) return stored;
    throw new Error(
      `${file} holds a secret shorter than 32 characters; fix or delete it (deleting signs everyone out), or set APP_SECRET`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // Written aside, then linked into place: a reader never sees a half-written file, and link()
  // fails if another process got there first, in which case theirs wins.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${secret}\n`, { mode: 0o600 });
  try {
    await link(draft, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(file, 'utf8')).trim();
  } finally {
    await unlink(draft);
  }
}

async function readStored(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
