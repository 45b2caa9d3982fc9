import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One counted attempt (a failed login, a reset request) under a throttle key such as `login-ip:203.0.113.9`.
 * Kept in the database so every API process of an installation shares the same limits.
 */
@Entity('auth_attempt')
@Index('auth_attempt_key_at_idx', ['key', 'at'])
export class AuthAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('text')
  key: string;

  @Column('timestamptz')
  at: Date;
}
