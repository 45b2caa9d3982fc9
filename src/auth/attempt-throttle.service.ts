import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { AuthAttempt } from './auth-attempt.entity.js';

export interface ThrottleRule {
  /** Attempts allowed within the window; the next one is refused. */
  limit: number;
  windowMs: number;
}

/** Failed logins from one address: the 11th within a minute is refused. */
export const LOGIN_FAILURES_PER_ADDRESS: ThrottleRule = { limit: 10, windowMs: 60_000 };
/** Failed logins to one account (by email, known or not), from any address: the 11th within 15 minutes is refused. */
export const LOGIN_FAILURES_PER_ACCOUNT: ThrottleRule = { limit: 10, windowMs: 15 * 60_000 };
/** Reset requests from one address. */
export const RESET_REQUESTS_PER_ADDRESS: ThrottleRule = { limit: 5, windowMs: 15 * 60_000 };
/** Reset emails to one account: more requests are answered the same way but send nothing. */
export const RESET_EMAILS_PER_ACCOUNT: ThrottleRule = { limit: 3, windowMs: 60 * 60_000 };

/** One counter to check and charge: a key such as `login-address:203.0.113.9` and its rule. */
export interface ThrottleLimit {
  key: string;
  rule: ThrottleRule;
}

/** Every limit had room: one attempt is now counted under each (ids, to give back with `release`). */
export interface Admitted {
  admitted: true;
  attemptIds: string[];
}

/** A limit was used up: nothing was counted. `key` is the full limit with the longest wait, `waitSeconds` that wait. */
export interface Refused {
  admitted: false;
  key: string;
  waitSeconds: number;
}

/** Distinguishes the throttle's advisory locks from any other of the application's (two-key form). */
const LOCK_NAMESPACE = 0x6b77_7468; // "kwth"

/**
 * A sliding-window counter per key, kept in PostgreSQL so that every API process of an installation
 * shares it. Checking and counting are one step under a per-key advisory lock, so concurrent attempts
 * cannot all see room and all get through. Only throttled endpoints touch it.
 */
@Injectable()
export class AttemptThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts one attempt under every key if each is under its limit, or none if any is full. Callers that count
   * only failures take a slot before trying and `release` it on success, so the decision never races.
   */
  async take(limits: ThrottleLimit[]): Promise<Admitted | Refused> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // A fixed order, so two requests locking the same keys never wait on each other in a circle.
      for (const key of [...new Set(limits.map((l) => l.key))].sort()) {
        await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, key]);
      }
      let refused: Refused | undefined;
      for (const { key, rule } of limits) {
        const wait = await this.waitSecondsIn(manager, key, rule, now);
        if (wait > 0 && (!refused || wait > refused.waitSeconds)) refused = { admitted: false, key, waitSeconds: wait };
      }
      if (refused) return refused;
      const attemptIds: string[] = [];
      for (const { key, rule } of limits) {
        const inserted = await manager.insert(AuthAttempt, { key, at: now });
        attemptIds.push(String((inserted.identifiers[0] as { id: string | number }).id));
        // Attempts older than the window no longer count; drop them so the table stays small.
        await manager
          .createQueryBuilder()
          .delete()
          .from(AuthAttempt)
          .where('key = :key AND at <= :before', { key, before: new Date(now.getTime() - rule.windowMs) })
          .execute();
      }
      return { admitted: true, attemptIds };
    });
  }

  /** Gives back attempts counted by `take` that turned out not to count (a successful sign-in). */
  async release(attemptIds: string[]): Promise<void> {
    if (attemptIds.length === 0) return;
    await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(AuthAttempt)
      .where('id IN (:...attemptIds)', { attemptIds })
      .execute();
  }

  private async waitSecondsIn(manager: EntityManager, key: string, rule: ThrottleRule, now: Date): Promise<number> {
    const row = await manager
      .createQueryBuilder(AuthAttempt, 'a')
      .select('count(*)::int', 'count')
      .addSelect('min(a.at)', 'oldest')
      .where('a.key = :key AND a.at > :since', { key, since: new Date(now.getTime() - rule.windowMs) })
      .getRawOne<{ count: number; oldest: Date | null }>();
    if (!row || row.count < rule.limit || !row.oldest) return 0;
    return Math.max(1, Math.ceil((new Date(row.oldest).getTime() + rule.windowMs - now.getTime()) / 1000));
  }
}
