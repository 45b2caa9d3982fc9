import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ENGAGEMENT_TYPES, sqlList, type EngagementType } from '../common/domain-values.js';

/** One contact with one or more partners: a meeting, a call, a SID launch… */
@Entity('engagement')
@Unique('engagement_centre_key', ['centreId', 'id'])
@Index('engagement_centre_time_idx', { synchronize: false }) // (centre_id, occurred_at) INCLUDE (id, type): see the DashboardIndexes migration
@Index('engagement_follow_up_idx', { synchronize: false }) // (centre_id, follow_up_at) INCLUDE (id, logged_by_id) WHERE follow_up_at IS NOT NULL: see the FollowUpIndex migration
@Check('engagement_type_check', `type IN (${sqlList(ENGAGEMENT_TYPES)})`)
export class Engagement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('text')
  type: EngagementType;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('text')
  summary: string;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('text', { nullable: true })
  outcome: string | null;

  /** A date-only follow-up (YYYY-MM-DD) in the centre's calendar. */
  @Column('date', { nullable: true })
  followUpAt: string | null;

  @Column('smallint', { nullable: true })
  sidYear: number | null;

  @Column('uuid', { nullable: true })
  loggedById: string | null;

  /** Set when the engagement records a partner's attendance at an advisory-board meeting. */
  @Column('uuid', { nullable: true })
  boardMeetingId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * Which partners an engagement touched. `occurred_at` is copied from the engagement so that a partner's
 * latest engagement and timeline are one index range scan (partner_id, occurred_at).
 */
@Entity('engagement_partner')
@Index('engagement_partner_timeline_idx', ['partnerId', 'occurredAt'])
@Index('engagement_partner_centre_time_idx', { synchronize: false }) // (centre_id, occurred_at) INCLUDE (partner_id, engagement_id): see the DashboardIndexes migration
export class EngagementPartner {
  @PrimaryColumn('uuid')
  engagementId: string;

  @PrimaryColumn('uuid')
  partnerId: string;

  @Column('uuid')
  centreId: string;

  @Column('timestamptz')
  occurredAt: Date;
}

/** Which of the partners' people took part. */
@Entity('engagement_contact')
@Index('engagement_contact_contact_idx', ['contactId'])
export class EngagementContact {
  @PrimaryColumn('uuid')
  engagementId: string;

  @PrimaryColumn('uuid')
  contactId: string;

  @Column('uuid')
  centreId: string;
}
