import { Injectable } from '@nestjs/common';
import { PasswordTokens } from '../auth/password-tokens.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { escapeLike } from '../database/like-pattern.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import { MailService, type NewMail } from '../mail/mail.service.js';
import type { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto.js';
import { UserResponse } from '../auth/dto/user-response.dto.js';
import { assertAcceptablePassword, hashPassword, UNUSABLE_PASSWORD_HASH } from '../auth/password.js';
import { User } from '../auth/user.entity.js';
import { shortEmail } from '../ui/components/email.js';
import { chooseLocale, shippedLocale, translator, type Locale } from '../ui/i18n/translator.js';

const EMAIL_TAKEN = 'A user with this email already exists';

/** The users of a centre, managed by its admins (and by network admins, in any centre). */
@Injectable()
export class UsersService {
  constructor(
    private readonly scope: CentreScope,
    private readonly tokens: PasswordTokens,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly mail: MailService,
  ) {}

  list(ctx: RequestContext, query: UserQueryDto): Promise<Page<UserResponse>> {
    const target = query.centreId ? ctx.inCentre(query.centreId) : ctx;
    return this.scope.read(target, async (tx) => {
      const q = tx.select(User, 'u');
      if (query.search)
        q.andWhere(`(u.name ILIKE :search ESCAPE '\\' OR u.email ILIKE :search ESCAPE '\\')`, {
          search: `%${escapeLike(query.search)}%`,
        });
      if (query.role) q.andWhere('u.role = :role', { role: query.role });
      if (query.active !== undefined) q.andWhere('u.active = :active', { active: query.active });
      const [users, total] = await q
        .orderBy('u.name', 'ASC')
        .addOrderBy('u.id', 'ASC')
        .skip(skipOf(query))
        .take(query.limit)
        .getManyAndCount();
      return pageOf(users.map(UserResponse.of), total, query);
    });
  }

  async get(ctx: RequestContext, id: string): Promise<UserResponse> {
    const target = ctx.inCentre(await this.scope.centreOf(ctx, User, id));
    return UserResponse.of(await this.scope.read(target, (tx) => tx.get(User, id)));
  }

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserResponse> {
    if (dto.networkAdmin && !ctx.actor?.networkAdmin)
      throw new ForbiddenError('Only a network admin can grant the network-admin capability');
    const target = dto.centreId ? ctx.inCentre(dto.centreId) : ctx;
    if (dto.password) await assertAcceptablePassword('password', dto.password, dto);
    const passwordHash = dto.password ? await hashPassword(dto.password) : UNUSABLE_PASSWORD_HASH;
    try {
      return await this.scope.transaction(target, async (tx) => {
        const centre = await tx.centre();
        const user = await tx.insert(User, {
          email: dto.email,
          name: dto.name,
          role: dto.role,
          networkAdmin: dto.networkAdmin ?? false,
          active: true,
          passwordHash,
          passwordChangedAt: dto.password ? this.clock.now() : null,
        });
        if (!dto.password) {
          const token = await this.tokens.issue(tx.infrastructureManager(), user.id, 'invite');
          await this.mail.send(
            tx,
            this.tokens.inviteMail(user.email, user.name, centre.name, token, chooseLocale({ centre: centre.locale })),
          );
        }
        return UserResponse.of(user);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_email_key'))
        throw new ConflictError(EMAIL_TAKEN, [{ field: 'email', message: EMAIL_TAKEN }]);
      throw error;
    }
  }

  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    if (dto.networkAdmin !== undefined && !ctx.actor?.networkAdmin)
      throw new ForbiddenError('Only a network admin can change the network-admin capability');
    if (id === ctx.userId && dto.active === false) throw new ConflictError('You cannot deactivate your own account');
    if (id === ctx.userId && dto.networkAdmin === false)
      throw new ConflictError('You cannot remove your own network-admin capability; ask another network admin');
    const target = ctx.inCentre(await this.scope.centreOf(ctx, User, id));
    const { password, ...fields } = dto;
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    try {
      return await this.scope.transaction(target, async (tx) => {
        // Role and activation changes of one centre go one at a time, so "at least one admin" holds.
        if (dto.role !== undefined || dto.active !== undefined) await tx.centre({ lock: true });
        const before = await tx.get(User, id, { lock: true });
        // An admin of a network admin's centre could otherwise take the account over (new email, then a reset link).
        if (
          before.networkAdmin &&
          !ctx.actor?.networkAdmin &&
          (dto.email !== undefined || dto.role !== undefined || dto.active !== undefined || password !== undefined)
        ) {
          throw new ForbiddenError(
            "Only a network admin can change a network admin's email, role, active flag or password",
          );
        }
        if (password !== undefined) {
          const current = await tx.findOne(User, { id }, { id: true, passwordHash: true });
          await assertAcceptablePassword(
            'password',
            password,
            { email: dto.email ?? before.email, name: dto.name ?? before.name },
            current?.passwordHash,
          );
        }
        const after = await tx.update(
          User,
          before,
          passwordHash === undefined ? fields : { ...fields, passwordHash, passwordChangedAt: this.clock.now() },
        );
        await this.keepAnAdmin(tx, before, after);
        const emailChanged = after.email !== before.email;
        if (emailChanged) {
          // The user's own language; the centre is read only when they have none.
          const locale = shippedLocale(after.locale) ?? chooseLocale({ centre: (await tx.centre()).locale });
          await this.mail.send(tx, emailChangedMail(before.email, after, locale));
        }
        const credentialsChanged = emailChanged || passwordHash !== undefined;
        // Whoever held the account before the change is signed out (an admin changing their own keeps this session).
        if (credentialsChanged || (before.active && !after.active)) {
          await this.sessions.revokeAllOf(
            tx.infrastructureManager(),
            id,
            id === ctx.userId ? ctx.actor?.sessionId : undefined,
          );
        }
        if (credentialsChanged) await this.tokens.invalidateAll(tx.infrastructureManager(), id);
        return UserResponse.of(after);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_email_key'))
        throw new ConflictError(EMAIL_TAKEN, [{ field: 'email', message: EMAIL_TAKEN }]);
      throw error;
    }
  }

  /** Users are deactivated, not deleted: engagements and the audit trail keep pointing at them. */
  deactivate(ctx: RequestContext, id: string): Promise<UserResponse> {
    return this.update(ctx, id, { active: false });
  }

  private async keepAnAdmin(tx: CentreTx, before: User, after: User): Promise<void> {
    const wasAdmin = before.role === 'admin' && before.active;
    const isAdmin = after.role === 'admin' && after.active;
    if (!wasAdmin || isAdmin) return;
    const admins = await tx.count(User, { role: 'admin', active: true });
    if (admins === 0)
      throw new ConflictError('A centre needs at least one active admin; make someone else admin first');
  }
}

/** To the old address: the owner learns of a change they did not make, even when the new address is an attacker's. */
function emailChangedMail(oldEmail: string, user: User, locale: Locale): NewMail {
  const i18n = translator(locale);
  return {
    to: oldEmail,
    ...shortEmail(i18n, i18n.t('email.emailChanged.subject'), user.name, [
      i18n.t('email.emailChanged.intro', { old: oldEmail, new: user.email }),
      i18n.t('email.emailChanged.advice'),
    ]),
  };
}
