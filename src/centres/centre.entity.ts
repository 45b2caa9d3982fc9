import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A Safer Internet Centre: the tenant every row of centre data belongs to. */
@Entity('centre')
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
