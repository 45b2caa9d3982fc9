import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { RateLimitedError, UnauthenticatedError } from '../common/errors.js';
import { UserResponse } from './dto/user-response.dto.js';
import { hashPassword, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import { AttemptThrottle, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS } from './attempt-throttle.service.js';
import type { LoginResponse } from './dto/auth.dto.js';
import { SessionsService } from './sessions.service.js';

const WRONG_CREDENTIALS = 'Email or password is not correct';

/** Email and password in, a session out; failures are counted per client address and per account. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);
  /** Verified when the email is unknown, so a wrong email takes as long as a wrong password. */
  private readonly decoyHash = hashPassword('keepwarm-decoy-password');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: AttemptThrottle,
  ) {}

  async login(email: string, password: string, address: string): Promise<LoginResponse> {
    // A slot under both limits is taken before the password is checked, and given back if it is right: checking
    // and counting in one step means concurrent guesses cannot all slip under a limit.
    const taken = await this.throttle.take([
      { key: `login-address:${address}`, rule: LOGIN_FAILURES_PER_ADDRESS },
      // By email, known or not (so the limit reveals no accounts), hashed (the table holds no addresses).
      {
        key: `login-account:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`,
        rule: LOGIN_FAILURES_PER_ACCOUNT,
      },
    ]);
    if (!taken.admitted) {
      this.logger.warn(
        taken.key.startsWith('login-account:')
          ? 'Sign-in refused: too many failures for this account'
          : 'Sign-in refused: too many failures from this address',
      );
      throw new RateLimitedError(
        taken.key.startsWith('login-account:')
          ? 'Too many failed sign-ins to this account; wait and try again, or reset your password'
          : 'Too many failed sign-ins from your address; wait a minute and try again',
        taken.waitSeconds,
      );
    }
    // Login is the one place a user is found across centres: by email, which is unique installation-wide.
    const user = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = user?.active
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await this.decoyHash, password).then(() => false);
    if (!user || !ok) {
      this.logger.log('Failed sign-in');
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await this.throttle.release(taken.attemptIds);
    const session = await this.sessions.issue(user.id);
    this.logger.log({ userId: user.id }, 'Signed in');
    return {
      accessToken: session.token,
      tokenType: 'Bearer',
      expiresAt: session.expiresAt.toISOString(),
      csrfToken: session.csrfToken,
      user: UserResponse.of(user),
    };
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId);
  }
}
