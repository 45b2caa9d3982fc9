import type { Request, Response } from 'express';
import { readCookie } from '../auth/auth.guard.js';
import { catalogues, type MessageKey } from '../ui/i18n/catalogue.js';
import type { Flash } from '../ui/view.js';

const FLASH_COOKIE = 'keepwarm_flash';

/** Leaves a message for the next page (after a form's redirect): a message key, never text from the request. */
export function setFlash(res: Response, key: MessageKey, kind: Flash['kind'] = 'success'): void {
  res.cookie(FLASH_COOKIE, `${kind}:${key}`, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60_000 });
}

/** The message left for this page, if any; it is shown once. */
export function takeFlash(req: Request, res: Response | undefined): Flash | undefined {
  const value = readCookie(req.header('cookie'), FLASH_COOKIE);
  if (!value) return undefined;
  res?.clearCookie(FLASH_COOKIE, { path: '/' });
  const [kind, key] = value.split(/:(.*)/s) as [string, string | undefined];
  if ((kind !== 'success' && kind !== 'error') || !key || !(key in catalogues.en)) return undefined;
  return { kind, key: key as MessageKey };
}

/** A local path to come back to after signing in: never another site (`//host`, `https:`), never a page that signs in. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/^\/(login|logout)\b/.test(next)) return '/';
  return next;
}
