import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UnauthenticatedError } from '../common/errors.js';
import { UserResponse } from '../users/dto/user.dto.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import { User } from '../users/user.entity.js';
import { AttemptThrottle, LOGIN_FAILURES_PER_ADDRESS } from './attempt-throttle.service.js';
import type { LoginResponse } from './dto/auth.dto.js';
import { SessionsService } from './sessions.service.js';

const WRONG_CREDENTIALS = 'Email or password is not correct';

/** Email and password in, a session out; failures are counted per client address. */
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
    const key = `login-address:${address}`;
    await this.throttle.assertAllowed(key, LOGIN_FAILURES_PER_ADDRESS, 'Too many failed sign-ins from your address; wait a minute and try again');
    // Login is the one place a user is found across centres: by email, which is unique installation-wide.
    const user = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = user?.active ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await this.decoyHash, password).then(() => false);
    if (!user || !ok) {
      await this.throttle.record(key, LOGIN_FAILURES_PER_ADDRESS);
      this.logger.log('Failed sign-in');
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
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
