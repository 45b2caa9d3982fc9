import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { InvalidError } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import { openInfrastructure, type InfrastructureAccess } from '../database/infrastructure-access.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { NewMail } from '../mail/mail.service.js';
import { shortEmail } from '../ui/components/email.js';
import { translator, type Locale } from '../ui/i18n/translator.js';
import { PasswordReset, type PasswordResetPurpose } from './password-reset.entity.js';
import { Signer } from './signer.js';

export const RESET_TTL_MS = 60 * 60 * 1000;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const PURPOSE = 'password-reset';

const INVALID_LINK = 'This password link is invalid, expired or already used; ask for a new one';

/**
 * Emailed "set your password" links: `<id>.<HMAC(APP_SECRET, id)>`, valid for an hour (a week for an
 * invitation), usable once. The table alone cannot produce a working link.
 */
@Injectable()
export class PasswordTokens {
  constructor(
    private readonly signer: Signer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Issues a link in the caller's transaction (`tx.infrastructureManager()`); earlier unused links of the user stop working. */
  async issue(access: InfrastructureAccess, userId: string, purpose: PasswordResetPurpose): Promise<string> {
    const manager = openInfrastructure(access);
    const now = this.clock.now();
    await this.invalidate(manager, userId);
    const expiresAt = new Date(now.getTime() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS));
    const row = await manager.save(manager.create(PasswordReset, { userId, purpose, expiresAt, usedAt: null }));
    return `${row.id}.${this.signer.sign(PURPOSE, row.id)}`;
  }

  /** The user a link is for, without using it up; InvalidError when it can't be used. */
  async peekUserId(manager: EntityManager, token: string): Promise<string> {
    return (await this.usable(manager, token, false)).userId;
  }

  /** Marks the link used and returns its user; InvalidError (400, field `token`) when it can't be used. */
  async consume(access: InfrastructureAccess, token: string): Promise<string> {
    const manager = openInfrastructure(access);
    const row = await this.usable(manager, token, true);
    await this.invalidate(manager, row.userId);
    return row.userId;
  }

  private async usable(manager: EntityManager, token: string, lock: boolean): Promise<PasswordReset> {
    const [id, signature, extra] = token.split('.');
    if (!id || !signature || extra !== undefined || !this.signer.verify(PURPOSE, id, signature)) throw invalid();
    const query = manager.createQueryBuilder(PasswordReset, 'r').where('r.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const row = await query.getOne();
    if (!row || row.usedAt || row.expiresAt.getTime() <= this.clock.now().getTime()) throw invalid();
    return row;
  }

  /** The answer for a link that can't be used, whatever the reason. */
  refuse(): never {
    throw invalid();
  }

  /** Uses up every open link of the user (after a reset, a password change, or a newer link), in the caller's transaction. */
  async invalidateAll(access: InfrastructureAccess, userId: string): Promise<void> {
    await this.invalidate(openInfrastructure(access), userId);
  }

  private async invalidate(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(PasswordReset)
      .set({ usedAt: this.clock.now() })
      .where('user_id = :userId AND used_at IS NULL', { userId })
      .execute();
  }

  /** The reset link's email, in the user's language (`chooseLocale` of the user's and the centre's). */
  resetMail(to: string, name: string, token: string, locale: Locale): NewMail {
    const i18n = translator(locale);
    return {
      to,
      ...shortEmail(i18n, i18n.t('email.reset.subject'), name, [
        i18n.t('email.reset.intro'),
        { label: i18n.t('common.reset.title'), url: this.link(token) },
        i18n.t('email.reset.once'),
      ]),
    };
  }

  /** A new account's first password link, in the centre's language. */
  inviteMail(to: string, name: string, centreName: string, token: string, locale: Locale): NewMail {
    const i18n = translator(locale);
    return {
      to,
      ...shortEmail(i18n, i18n.t('email.invite.subject', { centre: centreName }), name, [
        i18n.t('email.invite.intro', { centre: centreName }),
        { label: i18n.t('email.invite.link'), url: this.link(token) },
        i18n.t('email.invite.signIn', { email: to }),
      ]),
    };
  }

  private link(token: string): string {
    return `${this.config.http.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  }
}

function invalid(): InvalidError {
  return new InvalidError(INVALID_LINK, [{ field: 'token', message: INVALID_LINK }]);
}
