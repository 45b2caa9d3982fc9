import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { RateLimitedError } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { MailService } from '../mail/mail.service.js';
import { chooseLocale } from '../ui/i18n/translator.js';
import { assertAcceptablePassword, hashPassword } from './password.js';
import { User } from './user.entity.js';
import { AttemptThrottle, RESET_EMAILS_PER_ACCOUNT, RESET_REQUESTS_PER_ADDRESS } from './attempt-throttle.service.js';
import { PasswordTokens } from './password-tokens.service.js';
import { SessionsService } from './sessions.service.js';

/** "Forgot my password": an emailed, signed, single-use link, and the new password it lets the user set. */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: CentreScope,
    private readonly tokens: PasswordTokens,
    private readonly throttle: AttemptThrottle,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly mail: MailService,
  ) {}

  /** Answers the same whether or not the email is known, so the endpoint can't be used to find accounts. */
  async request(requestId: string | undefined, email: string, address: string): Promise<void> {
    const addressKey = `reset-address:${address}`;
    const fromAddress = await this.throttle.take([{ key: addressKey, rule: RESET_REQUESTS_PER_ADDRESS }]);
    if (!fromAddress.admitted)
      throw new RateLimitedError(
        'Too many password reset requests from your address; try again later',
        fromAddress.waitSeconds,
      );
    const user = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where('lower(u.email) = lower(:email) AND u.active', { email })
      .getOne();
    if (!user) return;
    const accountKey = `reset-account:${user.id}`;
    if (!(await this.throttle.take([{ key: accountKey, rule: RESET_EMAILS_PER_ACCOUNT }])).admitted) {
      this.logger.warn({ userId: user.id }, 'Password reset email not sent: too many recent requests for this account');
      return;
    }
    await this.scope.transaction(RequestContext.system(user.centreId, requestId), async (tx) => {
      const token = await this.tokens.issue(tx.infrastructureManager(), user.id, 'reset');
      const locale = chooseLocale({ user: user.locale, centre: (await tx.centre()).locale });
      await this.mail.send(tx, this.tokens.resetMail(user.email, user.name, token, locale));
    });
    this.logger.log({ userId: user.id }, 'Password reset email queued');
  }

  /** Sets the new password, uses up the link and signs the user out everywhere. */
  async confirm(requestId: string | undefined, token: string, password: string): Promise<void> {
    const userId = await this.tokens.peekUserId(this.dataSource.manager, token);
    const user = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId AND u.active', { userId })
      .getOne();
    if (!user) return this.tokens.refuse();
    // Checked before the link is used, so the user can try another password with it.
    await assertAcceptablePassword('password', password, user, user.passwordHash);
    const passwordHash = await hashPassword(password);
    const ctx = RequestContext.forUser(user, requestId);
    await this.scope.transaction(ctx, async (tx) => {
      await this.tokens.consume(tx.infrastructureManager(), token);
      await tx.update(User, user.id, { passwordHash, passwordChangedAt: this.clock.now() });
      await this.sessions.revokeAllOf(tx.infrastructureManager(), user.id);
    });
    this.logger.log({ userId: user.id }, 'Password reset');
  }
}
