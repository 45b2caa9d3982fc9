import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { UserRole } from '../common/domain-values.js';
import { Centre } from '../database/centre.entity.js';

/** How often a user wants reminder email: a daily digest, the same digest on Mondays only, or none. */
export const DIGEST_PREFERENCES = ['daily', 'weekly', 'off'] as const;
export type DigestPreference = (typeof DIGEST_PREFERENCES)[number];

/** A person who signs in to Keepwarm. Network admin is a capability on top of the role, not a fourth role. */
@Entity('app_user')
@Index('app_user_email_key', { synchronize: false }) // unique on lower(email): see the AddUsers migration
@Index('app_user_centre_idx', ['centreId'])
@Unique('app_user_centre_key', ['centreId', 'id']) // target of the same-centre owner and author keys
@Check('app_user_role_check', `role IN ('admin', 'manager', 'coordinator')`)
@Check('app_user_digest_check', `digest IN ('daily', 'weekly', 'off')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  role: UserRole;

  @Column('boolean', { default: false })
  networkAdmin: boolean;

  /** argon2id; never selected unless asked for, never in a response, redacted in the audit trail. */
  @Column('text', { select: false })
  passwordHash: string;

  /** When the password was last set (sign-up, change or reset); shown in the audit trail instead of the hash. */
  @Column('timestamptz', { nullable: true })
  passwordChangedAt: Date | null;

  /** A deactivated user cannot sign in; their history (engagements, audit) stays theirs. */
  @Column('boolean', { default: true })
  active: boolean;

  /** Reminder email preference (see src/digests); set from the API, the preferences page or a one-click unsubscribe. */
  @Column('text', { default: 'daily' })
  digest: DigestPreference;

  /** The user's own language for pages and emails ("en", "fr"); null follows the browser, then the centre. */
  @Column({ type: 'text', nullable: true })
  locale: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
