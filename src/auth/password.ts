import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
import { randomBytes } from 'node:crypto';
import { InvalidError } from '../common/errors.js';

/** argon2id with the library's defaults (OWASP's m=19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never verifies
  }
}

/** 20 characters from an unambiguous alphabet, for a first admin the operator did not give a password. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(20), (b) => alphabet[b % alphabet.length]).join('');
}

/** Stored for a user who has not chosen a password yet (invited): no password verifies against it. */
export const UNUSABLE_PASSWORD_HASH = '!unset';

/** Names shorter than this are not looked for in a password: "Al" would refuse half the dictionary. */
const NAME_MIN = 3;

/** What passwordProblem says, after the field's name ("password must not be the current password"). */
export const PASSWORD_PROBLEMS = {
  containsEmail: "must not contain the account's email address",
  containsName: "must not contain the account's name",
  current: 'must not be the current password',
} as const;
export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

/**
 * Refuses (InvalidError naming `field`, a 400) a password that contains the account's email address or name, in
 * any case, or that equals its current password (`currentHash`, when it has one). Used wherever a password is set.
 */
export async function assertAcceptablePassword(
  field: string,
  password: string,
  account: { email: string; name: string },
  currentHash?: string | null,
): Promise<void> {
  const problem = await passwordProblem(password, account, currentHash);
  if (problem) throw new InvalidError(`${field} ${problem}`, [{ field, message: `${field} ${problem}` }]);
}

async function passwordProblem(
  password: string,
  account: { email: string; name: string },
  currentHash?: string | null,
): Promise<string | undefined> {
  const lower = password.toLowerCase();
  const email = account.email.trim().toLowerCase();
  if (email && lower.includes(email)) return PASSWORD_PROBLEMS.containsEmail;
  const name = account.name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (name.length >= NAME_MIN && (lower.includes(name) || lower.replace(/\s+/g, '').includes(name.replace(/ /g, ''))))
    return PASSWORD_PROBLEMS.containsName;
  if (currentHash && (await verifyPassword(currentHash, password))) return PASSWORD_PROBLEMS.current;
  return undefined;
}
