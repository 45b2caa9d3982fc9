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
import { PARTNER_TIERS, type PartnerTier } from '../database/centre.entity.js';
import { PARTNER_STATUSES, sqlList, type PartnerStatus } from '../common/domain-values.js';

/**
 * An organisation the centre works with. Its owner must be a user of the same centre
 * (composite foreign key `partner_owner_centre_fk`, written in the migration).
 */
@Entity('partner')
@Unique('partner_centre_key', ['centreId', 'id'])
@Index('partner_centre_name_idx', ['centreId', 'name'])
@Index('partner_centre_owner_idx', ['centreId', 'ownerId'])
@Index('partner_archived_idx', ['centreId'], { where: 'archived_at IS NOT NULL' })
@Index('partner_current_sector_idx', ['centreId', 'sector'], { where: 'archived_at IS NULL' })
@Index('partner_search_idx', { synchronize: false }) // GIN trigram index on search_text: see the migration
@Check('partner_tier_check', `tier IN (${sqlList(PARTNER_TIERS)})`)
@Check('partner_status_check', `status IN (${sqlList(PARTNER_STATUSES)})`)
@Check('partner_cadence_check', `cadence_days IS NULL OR cadence_days BETWEEN 1 AND 3650`)
export class Partner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('text')
  name: string;

  @Column('text')
  sector: string;

  @Column('text', { default: 'regular' })
  tier: PartnerTier;

  /** What the partnership is about: sid, advisory_board, funding, content… (the centre's words). */
  @Column('text', { array: true, default: () => `'{}'` })
  kinds: string[];

  @Column('char', { length: 2, nullable: true })
  country: string | null;

  @Column('text', { nullable: true })
  region: string | null;

  @Column('text', { nullable: true })
  website: string | null;

  @Column('uuid', { nullable: true })
  ownerId: string | null;

  /** Overrides the centre's cadence policy for this partner. */
  @Column('smallint', { nullable: true })
  cadenceDays: number | null;

  @Column('text', { array: true, default: () => `'{}'` })
  tags: string[];

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('text', { default: 'active' })
  status: PartnerStatus;

  /** Archived partners leave lists and reminders but keep their history. */
  @Column('timestamptz', { nullable: true })
  archivedAt: Date | null;

  /** Latest engagement, kept up to date by every engagement write (PartnerStats). */
  @Column('timestamptz', { nullable: true })
  lastEngagementAt: Date | null;

  /**
   * The dashboard's rollup (see the SidSeasonRollup migration), kept by database triggers: the latest engagement
   * outside every SID window, and the SID years it was engaged inside the window of, or in the off-season after.
   */
  @Column({ type: 'timestamptz', nullable: true, select: false, insert: false, update: false })
  sidOffWindowLastAt: Date | null;

  @Column({ type: 'integer', array: true, default: () => "'{}'", select: false, insert: false, update: false })
  sidWindowYears: number[];

  @Column({ type: 'integer', array: true, default: () => "'{}'", select: false, insert: false, update: false })
  sidOffSeasonYears: number[];

  /** Lower-case, unaccented name, tags and contact names and emails, for search; kept by PartnerStats. */
  @Column('text', { default: '', select: false })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
