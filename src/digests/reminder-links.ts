import { Inject, Injectable } from '@nestjs/common';
import { Signer } from '../auth/signer.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { isUuid } from '../database/centre-scope.js';

/** What a one-click link in a reminder email does. */
export const REMINDER_LINK_ACTIONS = ['done', 'snooze'] as const;
export type ReminderLinkAction = (typeof REMINDER_LINK_ACTIONS)[number];

/** A one-click link stays usable this long: a digest may sit unread through a holiday. */
export const REMINDER_LINK_TTL_DAYS = 30;

const REMINDER_PURPOSE = 'reminder-link';
const PREFERENCES_PURPOSE = 'email-preferences';

/** Who may do what to which reminder, as a verified link says. The centre is in the link so no lookup crosses centres. */
export interface ReminderLinkClaims {
  reminderId: string;
  action: ReminderLinkAction;
  userId: string;
  centreId: string;
}

export interface UserLinkClaims {
  userId: string;
  centreId: string;
}

export type LinkReading<T> = { ok: true; claims: T } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The signed links a reminder email carries. The token is the credential (the routes are public), so it holds
 * everything the action needs, signed with APP_SECRET under its own purpose:
 * - `/r/<reminder>.<action>.<user>.<centre>.<expires>.<signature>`: mark done or snooze, for 30 days;
 * - `/email-preferences/<user>.<centre>.<signature>`: digest preferences and one-click unsubscribe, no expiry
 *   (RFC 8058 wants the List-Unsubscribe link to keep working).
 */
@Injectable()
export class ReminderLinks {
  constructor(
    private readonly signer: Signer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  actionUrl(claims: ReminderLinkClaims): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + REMINDER_LINK_TTL_DAYS * 86_400;
    const value = [claims.reminderId, claims.action, claims.userId, claims.centreId, String(expires)].join('.');
    return `${this.config.http.publicUrl}/r/${value}.${this.signer.sign(REMINDER_PURPOSE, value)}`;
  }

  /** A tampered or malformed token is 'invalid'; a genuine one past its date is 'expired'. */
  readAction(token: string): LinkReading<ReminderLinkClaims> {
    const parts = token.split('.');
    if (parts.length !== 6) return { ok: false, reason: 'invalid' };
    const [reminderId, action, userId, centreId, expires, signature] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!this.signer.verify(REMINDER_PURPOSE, parts.slice(0, 5).join('.'), signature))
      return { ok: false, reason: 'invalid' };
    if (![reminderId, userId, centreId].every((id) => isUuid(id)) || !isAction(action) || !/^\d+$/.test(expires))
      return { ok: false, reason: 'invalid' };
    if (Number(expires) * 1000 <= this.clock.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { reminderId, action, userId, centreId } };
  }

  preferencesUrl(claims: UserLinkClaims): string {
    const value = `${claims.userId}.${claims.centreId}`;
    return `${this.config.http.publicUrl}/email-preferences/${value}.${this.signer.sign(PREFERENCES_PURPOSE, value)}`;
  }

  readPreferences(token: string): LinkReading<UserLinkClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'invalid' };
    const [userId, centreId, signature] = parts as [string, string, string];
    if (
      !this.signer.verify(PREFERENCES_PURPOSE, `${userId}.${centreId}`, signature) ||
      !isUuid(userId) ||
      !isUuid(centreId)
    )
      return { ok: false, reason: 'invalid' };
    return { ok: true, claims: { userId, centreId } };
  }

  /** Where the web app lists a user's reminders, and shows a partner or a board. */
  remindersUrl(): string {
    return `${this.config.http.publicUrl}/reminders`;
  }

  partnerUrl(partnerId: string): string {
    return `${this.config.http.publicUrl}/partners/${partnerId}`;
  }

  boardUrl(boardId: string): string {
    return `${this.config.http.publicUrl}/advisory-boards/${boardId}`;
  }
}

function isAction(value: string): value is ReminderLinkAction {
  return (REMINDER_LINK_ACTIONS as readonly string[]).includes(value);
}
