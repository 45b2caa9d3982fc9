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
import { LAWFUL_BASES, sqlList, type LawfulBasis } from '../common/domain-values.js';

/**
 * A person at a partner. Every personal field of a contact lives in this table and nowhere else
 * (engagements and board memberships point at it by id), so erasing a person is one update here.
 */
@Entity('contact')
@Unique('contact_centre_key', ['centreId', 'id'])
@Index('contact_partner_idx', ['centreId', 'partnerId'])
@Index('contact_do_not_contact_idx', ['centreId'], { where: 'do_not_contact' })
@Index('contact_one_primary_idx', { synchronize: false }) // unique partial index: one primary per partner, see the migration
@Check('contact_lawful_basis_check', `lawful_basis IN (${sqlList(LAWFUL_BASES)})`)
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('uuid')
  partnerId: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  jobTitle: string | null;

  /** The partner's main contact; at most one per partner. */
  @Column('boolean', { default: false })
  primary: boolean;

  @Column('text', { default: 'legitimate_interest' })
  lawfulBasis: LawfulBasis;

  @Column('date', { nullable: true })
  consentDate: string | null;

  @Column('boolean', { default: false })
  doNotContact: boolean;

  @Column('timestamptz', { nullable: true })
  erasedAt: Date | null;

  /**
   * An erased person's address as the hex SHA-256 of its lower-case form (see erasedEmailHash): no one reads it back,
   * but a colleague's account with that address still gets no reminder mail (digest.query's mailableSql).
   */
  @Column('text', { nullable: true })
  erasedEmailHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
