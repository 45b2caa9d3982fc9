import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Centre } from '../database/centre.entity.js';

/**
 * pending: waiting for a worker. sending: handed over to the mail server (the end of the message is written or
 * about to be), its answer not on record yet. sent: the server accepted it. failed: the server refused it, or
 * attempts ran out. uncertain: handed over, the answer never came, and MAIL_UNCERTAIN_DELIVERY=hold keeps it
 * for an admin instead of sending it again.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One email, rendered before it is queued so that a retry never re-renders. Written in the same
 * transaction as whatever caused it; the mail job (job id = this id) sends it and records the result.
 */
@Entity('outbox_email')
@Check('outbox_email_status_check', `status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')`)
@Index('outbox_email_pending_idx', ['createdAt'], { where: `status = 'pending'` })
@Index('outbox_email_sending_idx', ['updatedAt'], { where: `status = 'sending'` })
@Index('outbox_email_centre_idx', ['centreId', 'createdAt'])
export class OutboxEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for installation-level mail (an operator's test send). */
  @Column('uuid', { nullable: true })
  centreId: string | null;

  @ManyToOne(() => Centre, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  @Column('text')
  recipient: string;

  @Column('text')
  subject: string;

  @Column('text')
  text: string;

  @Column('text', { nullable: true })
  html: string | null;

  @Column('jsonb', { default: () => `'{}'::jsonb` })
  headers: Record<string, string>;

  /** A caller's idempotency key: the same key never produces a second email. */
  @Column('text', { nullable: true, unique: true })
  dedupeKey: string | null;

  @Column('text', { default: 'pending' })
  status: OutboxStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('text', { nullable: true })
  messageId: string | null;

  /** Times a delivery's outcome was unknown (handed over, no answer on record); each resend keeps the Message-ID. */
  @Column('int', { default: 0 })
  uncertainDeliveries: number;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
