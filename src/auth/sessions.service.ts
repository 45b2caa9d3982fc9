import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { Actor } from '../common/request-context.js';
import type { UserRole } from '../common/domain-values.js';
import { openInfrastructure, type InfrastructureAccess } from '../database/infrastructure-access.js';
import { Centre } from '../database/centre.entity.js';
import { prepared } from '../database/prepared-statements.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';
import { Signer } from './signer.js';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
const SESSION = 'session';
const CSRF = 'csrf';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Server-side sessions behind both the Bearer token and the session cookie, so signing out really ends them. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signer: Signer,
    private readonly clock: Clock,
  ) {}

  async issue(userId: string): Promise<IssuedSession> {
    const expiresAt = new Date(this.clock.now().getTime() + SESSION_TTL_MS);
    const session = await this.dataSource.manager.save(
      this.dataSource.manager.create(Session, { userId, expiresAt, revokedAt: null }),
    );
    return {
      token: `${session.id}.${this.signer.sign(SESSION, session.id)}`,
      csrfToken: this.csrfTokenFor(session.id),
      expiresAt,
    };
  }

  /** The actor behind a token, or undefined when it is forged, expired, signed out, or its user deactivated. */
  async authenticate(token: string): Promise<Actor | undefined> {
    return (await this.authenticateWithCentre(token))?.actor;
  }

  /**
   * The actor behind a token and their centre's record, read in the same statement: a request's reads of its own
   * centre then need no round trip of their own (see rememberSessionCentre). Read afresh on every request, so
   * sign-out, deactivation, a role change or a centre settings change applies to the very next request.
   */
  async authenticateWithCentre(token: string): Promise<{ actor: Actor; centre: Centre } | undefined> {
    const [id, signature, extra] = token.split('.');
    if (!id || !signature || extra !== undefined || !this.signer.verify(SESSION, id, signature)) return undefined;
    const { entities, raw } = await this.dataSource.manager
      .createQueryBuilder(Centre, 'c')
      .comment(prepared('session with user and centre'))
      .innerJoin(User, 'u', 'u.centre_id = c.id')
      .innerJoin(Session, 's', 's.user_id = u.id')
      .addSelect(['u.id AS "userId"', 'u.role AS "userRole"', 'u.network_admin AS "networkAdmin"'])
      .where('s.id = :id', { id })
      .andWhere('s.revoked_at IS NULL')
      .andWhere('s.expires_at > :now', { now: this.clock.now() })
      .andWhere('u.active')
      .getRawAndEntities<{ userId: string; userRole: UserRole; networkAdmin: boolean }>();
    const [centre] = entities;
    const [row] = raw;
    if (!centre || !row) return undefined;
    return {
      actor: {
        userId: row.userId,
        centreId: centre.id,
        role: row.userRole,
        networkAdmin: row.networkAdmin,
        sessionId: id,
      },
      centre,
    };
  }

  csrfTokenFor(sessionId: string): string {
    return this.signer.sign(CSRF, sessionId);
  }

  verifyCsrfToken(sessionId: string, token: string): boolean {
    return this.signer.verify(CSRF, sessionId, token);
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: this.clock.now() })
      .where('id = :sessionId AND revoked_at IS NULL', { sessionId })
      .execute();
  }

  /** Ends every session of a user except `keep` (after a password change), in the caller's transaction. */
  async revokeAllOf(access: InfrastructureAccess, userId: string, keep?: string): Promise<void> {
    const query = openInfrastructure(access)
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: this.clock.now() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keep) query.andWhere('id <> :keep', { keep });
    await query.execute();
  }
}
