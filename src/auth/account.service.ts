import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { InvalidError, UnauthenticatedError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { UserResponse } from './dto/user-response.dto.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import type { ChangePasswordDto, MeResponse, UpdateMeDto } from './dto/auth.dto.js';
import { PasswordTokens } from './password-tokens.service.js';
import { SessionsService } from './sessions.service.js';

/** The signed-in user's own account: profile, centre and password. */
@Injectable()
export class AccountService {
  constructor(
    private readonly scope: CentreScope,
    private readonly sessions: SessionsService,
    private readonly tokens: PasswordTokens,
    private readonly clock: Clock,
  ) {}

  me(ctx: RequestContext, viaCookie: boolean): Promise<MeResponse> {
    const actor = requireActor(ctx);
    return this.scope.read(ctx, async (tx) => {
      const [user, centre] = await Promise.all([tx.get(User, actor.userId), tx.centre()]);
      return {
        user: UserResponse.of(user),
        centre: {
          id: centre.id,
          name: centre.name,
          country: centre.country,
          timezone: centre.timezone,
          locale: centre.locale,
        },
        ...(viaCookie && actor.sessionId ? { csrfToken: this.sessions.csrfTokenFor(actor.sessionId) } : {}),
      };
    });
  }

  async updateMe(ctx: RequestContext, dto: UpdateMeDto): Promise<UserResponse> {
    const actor = requireActor(ctx);
    // Only the fields sent: a missing locale keeps the current one, null clears it (the browser's language then).
    const patch = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.locale !== undefined ? { locale: dto.locale } : {}),
    };
    return UserResponse.of(await this.scope.transaction(ctx, (tx) => tx.update(User, actor.userId, patch)));
  }

  /** Needs the current password, and a new one that passes the password rules; ends every other session and any open reset link. */
  async changePassword(ctx: RequestContext, dto: ChangePasswordDto): Promise<void> {
    const actor = requireActor(ctx);
    const newHash = await hashPassword(dto.newPassword);
    await this.scope.transaction(ctx, async (tx) => {
      const current = await tx
        .select(User, 'u')
        .addSelect('u.passwordHash')
        .andWhere('u.id = :id', { id: actor.userId })
        .setLock('pessimistic_write')
        .getOne();
      if (!current || !(await verifyPassword(current.passwordHash, dto.currentPassword))) {
        throw new InvalidError('The current password is not correct', [
          { field: 'currentPassword', message: 'currentPassword is not correct' },
        ]);
      }
      await assertAcceptablePassword('newPassword', dto.newPassword, current, current.passwordHash);
      await tx.update(User, actor.userId, { passwordHash: newHash, passwordChangedAt: this.clock.now() });
      await this.sessions.revokeAllOf(tx.infrastructureManager(), actor.userId, actor.sessionId);
      await this.tokens.invalidateAll(tx.infrastructureManager(), actor.userId);
    });
  }
}

export function requireActor(ctx: RequestContext) {
  if (!ctx.actor) throw new UnauthenticatedError();
  return ctx.actor;
}
