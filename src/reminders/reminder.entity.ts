import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { sqlList } from '../common/domain-values.js';

/** Every kind of DESIGN.md "Reminders"; the scan produces cadence_overdue and follow_up_due so far. */
export const REMINDER_KINDS = [
  'cadence_overdue', 'follow_up_due', 'sid_invitation', 'sid_thank_you', 'keep_warm', 'board_term_ending', 'board_meeting_due', 'contact_review',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_STATES = ['pending', 'sent', 'done', 'snoozed', 'cancelled'] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];

/**
 * Something a user should do about a partner by a date. The dedupe key (kind, partner, due date) makes a scan
 * that runs twice for the same day harmless.
 */
@Entity('reminder')
@Index('reminder_dedupe_key', ['dedupeKey'], { unique: true })
@Index('reminder_recipient_idx', ['centreId', 'recipientId', 'state', 'dueDate'])
@Index('reminder_partner_idx', ['centreId', 'partnerId'])
@Check('reminder_kind_check', `kind IN (${sqlList(REMINDER_KINDS)})`)
@Check('reminder_state_check', `state IN (${sqlList(REMINDER_STATES)})`)
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('uuid')
  recipientId: string;

  @Column('uuid')
  partnerId: string;

  /** The engagement whose follow-up this is (follow_up_due). */
  @Column('uuid', { nullable: true })
  engagementId: string | null;

  @Column('text')
  kind: ReminderKind;

  @Column('date')
  dueDate: string;

  @Column('text', { default: 'pending' })
  state: ReminderState;

  @Column('date', { nullable: true })
  snoozedUntil: string | null;

  @Column('timestamptz', { nullable: true })
  doneAt: Date | null;

  @Column('text')
  dedupeKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
