import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { sqlList } from '../common/domain-values.js';

/** Every kind of DESIGN.md "Reminders" (src/reminders/reminder-rules.sql.ts says when each is due). */
export const REMINDER_KINDS = [
  'cadence_overdue',
  'follow_up_due',
  'sid_invitation',
  'sid_thank_you',
  'keep_warm',
  'board_term_ending',
  'board_meeting_due',
  'contact_review',
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
@Index('reminder_contact_review_done_idx', ['centreId', 'contactId'], {
  where: `kind = 'contact_review' AND state = 'done'`,
})
@Check('reminder_kind_check', `kind IN (${sqlList(REMINDER_KINDS)})`)
@Check('reminder_subject_check', `partner_id IS NOT NULL OR board_id IS NOT NULL`)
@Index('reminder_kind_open_idx', ['centreId', 'kind'], { where: `state IN ('pending', 'sent', 'snoozed')` })
@Check('reminder_state_check', `state IN (${sqlList(REMINDER_STATES)})`)
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('uuid')
  recipientId: string;

  /** Null only for a board's meeting reminder. */
  @Column('uuid', { nullable: true })
  partnerId: string | null;

  /** The board of board_term_ending and board_meeting_due. */
  @Column('uuid', { nullable: true })
  boardId: string | null;

  /** The primary contact a contact_review is about. */
  @Column('uuid', { nullable: true })
  contactId: string | null;

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

export const SCAN_TRIGGERS = ['schedule', 'admin', 'cli'] as const;
export type ScanTrigger = (typeof SCAN_TRIGGERS)[number];

/** One completed scan of a centre: the last one tells an admin (and /health/ready) whether reminders still flow. */
@Entity('reminder_scan_run')
@Index('reminder_scan_run_centre_idx', ['centreId', 'finishedAt'])
@Check('reminder_scan_run_trigger_check', `"trigger" IN (${sqlList(SCAN_TRIGGERS)})`)
export class ReminderScanRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('date')
  asOf: string;

  @Column('text')
  trigger: ScanTrigger;

  @Column('timestamptz')
  startedAt: Date;

  @Column('timestamptz')
  finishedAt: Date;

  @Column('int')
  due: number;

  @Column('int')
  created: number;

  @Column('int')
  resolved: number;

  @Column('int')
  emails: number;
}
