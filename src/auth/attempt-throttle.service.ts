import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { RateLimitedError } from '../common/errors.js';
import { AuthAttempt } from './auth-attempt.entity.js';

export interface ThrottleRule {
  /** Attempts allowed within the window; the next one is refused. */
  limit: number;
  windowMs: number;
}

/** Failed logins from one address: the 11th within a minute is refused. */
export const LOGIN_FAILURES_PER_ADDRESS: ThrottleRule = { limit: 10, windowMs: 60_000 };
/** Reset requests from one address. */
export const RESET_REQUESTS_PER_ADDRESS: ThrottleRule = { limit: 5, windowMs: 15 * 60_000 };
/** Reset emails to one account: more requests are answered the same way but send nothing. */
export const RESET_EMAILS_PER_ACCOUNT: ThrottleRule = { limit: 3, windowMs: 60 * 60_000 };

/**
 * A sliding-window counter per key, kept in PostgreSQL so that every API process of an installation
 * shares it. Only throttled endpoints touch it, so its cost is a couple of indexed queries per attempt.
 */
@Injectable()
export class AttemptThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Seconds until another attempt under `key` is allowed; 0 when it is allowed now. */
  async waitSeconds(key: string, rule: ThrottleRule): Promise<number> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - rule.windowMs);
    const row = await this.dataSource.manager
      .createQueryBuilder(AuthAttempt, 'a')
      .select('count(*)::int', 'count')
      .addSelect('min(a.at)', 'oldest')
      .where('a.key = :key AND a.at > :since', { key, since })
      .getRawOne<{ count: number; oldest: Date | null }>();
    if (!row || row.count < rule.limit || !row.oldest) return 0;
    return Math.max(1, Math.ceil((new Date(row.oldest).getTime() + rule.windowMs - now.getTime()) / 1000));
  }

  /** Throws RateLimitedError (429 with Retry-After) when `key` has used up `rule`. */
  async assertAllowed(key: string, rule: ThrottleRule, message: string): Promise<void> {
    const wait = await this.waitSeconds(key, rule);
    if (wait > 0) throw new RateLimitedError(message, wait);
  }

  async record(key: string, rule: ThrottleRule): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.manager.insert(AuthAttempt, { key, at: now });
    // Attempts older than the window no longer count; drop them so the table stays small.
    await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(AuthAttempt)
      .where('key = :key AND at <= :before', { key, before: new Date(now.getTime() - rule.windowMs) })
      .execute();
  }
}
