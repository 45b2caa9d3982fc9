import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PARTNER_TIERS = ['key', 'regular', 'occasional'] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

/** The starting list of sectors; a centre may add its own. */
export const DEFAULT_SECTORS = [
  'industry',
  'telecom',
  'government',
  'local_authority',
  'law_enforcement',
  'education',
  'academia',
  'ngo',
  'media',
  'health',
  'youth',
  'parents',
  'other',
] as const;

/** How often a partner should hear from the centre (see effectiveCadence in src/partners/cadence.ts). */
export interface CadencePolicy {
  defaultDays: number;
  bySector: Record<string, number>;
  byTier: Partial<Record<PartnerTier, number>>;
}

export const DEFAULT_CADENCE: CadencePolicy = {
  defaultDays: 90,
  bySector: {},
  byTier: { key: 30, regular: 90, occasional: 180 },
};
export const DEFAULT_KEEP_WARM_PLAN = [60, 120, 210, 300];

/** A Safer Internet Centre: the tenant every row of centre data belongs to, with its settings. */
@Entity('centre')
@Check('centre_contact_retention_check', 'contact_retention_months BETWEEN 1 AND 120')
export class Centre {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { length: 2 })
  country: string;

  /** IANA time zone: "today", reminder hours and SID windows are computed in it. */
  @Column('text')
  timezone: string;

  @Column('text', { default: 'en' })
  locale: string;

  /** Local hour (0-23) at which the daily reminder scan runs. */
  @Column('smallint', { default: 9 })
  reminderHour: number;

  @Column('smallint', { default: 42 })
  sidDaysBefore: number;

  @Column('smallint', { default: 14 })
  sidDaysAfter: number;

  @Column('text', { array: true, default: () => `'{${DEFAULT_SECTORS.join(',')}}'` })
  sectors: string[];

  @Column('text', { array: true, default: () => `'{}'` })
  requiredBoardSectors: string[];

  @Column('jsonb', { default: () => `'${JSON.stringify(DEFAULT_CADENCE)}'` })
  cadence: CadencePolicy;

  /** Touchpoints, in days after SID, for the year's SID partners. */
  @Column('smallint', { array: true, default: () => `'{${DEFAULT_KEEP_WARM_PLAN.join(',')}}'` })
  keepWarmPlan: number[];

  /**
   * Retention: the contacts of partners archived for this many months are erased by the daily run (see
   * ContactRetention); null keeps them until someone erases them by hand.
   */
  @Column('smallint', { nullable: true })
  contactRetentionMonths: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
