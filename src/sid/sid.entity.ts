import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import {
  SID_ROLE_KINDS,
  SID_ROLE_STATUSES,
  sqlList,
  type SidRoleKind,
  type SidRoleStatus,
} from '../common/domain-values.js';

/** A centre's Safer Internet Day of one year: its theme, and its date when the centre overrides the usual Tuesday. */
@Entity('sid_campaign')
@Unique('sid_campaign_year_key', ['centreId', 'year'])
@Check('sid_campaign_year_check', `year BETWEEN 2004 AND 2100`)
export class SidCampaign {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('smallint')
  year: number;

  /** Overrides the Tuesday between 5 and 11 February. */
  @Column('date', { nullable: true })
  date: string | null;

  @Column('text', { nullable: true })
  theme: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** What a partner does for a year's SID, and how far it got: invited → confirmed → delivered (or declined). */
@Entity('sid_role')
@Unique('sid_role_partner_year_role_key', ['centreId', 'partnerId', 'year', 'role'])
@Index('sid_role_year_idx', ['centreId', 'year'])
@Check('sid_role_role_check', `role IN (${sqlList(SID_ROLE_KINDS)})`)
@Check('sid_role_status_check', `status IN (${sqlList(SID_ROLE_STATUSES)})`)
export class SidRole {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('uuid')
  partnerId: string;

  @Column('smallint')
  year: number;

  @Column('text')
  role: SidRoleKind;

  @Column('text', { default: 'invited' })
  status: SidRoleStatus;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('timestamptz')
  statusChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
