import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Centre } from '../database/centre.entity.js';
import { OutboxEmail } from './outbox-email.entity.js';

export const SEND_OUTCOMES = ['sent', 'retry', 'failed'] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];

/**
 * The send log: one row per delivery attempt of an outbox email, written by the worker. A 'sent' row is
 * written in the transaction that marks the email sent; a failure is written in a short transaction of its own.
 */
@Entity('outbox_send_attempt')
@Check('outbox_send_attempt_outcome_check', `outcome IN ('sent', 'retry', 'failed')`)
@Index('outbox_send_attempt_outbox_idx', ['outboxId', 'attempt'])
export class OutboxSendAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  outboxId: string;

  @ManyToOne(() => OutboxEmail, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outbox_id' })
  outbox?: OutboxEmail;

  /** The outbox row's centre (null for installation-level mail), so a centre's log reads without a join. */
  @Column('uuid', { nullable: true })
  centreId: string | null;

  @ManyToOne(() => Centre, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  /** 1 for the first try; the outbox row's attempts count after this one. */
  @Column('int')
  attempt: number;

  @Column('timestamptz')
  startedAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  @Column('text')
  outcome: SendOutcome;

  /** The SMTP server's reply or the error, never credentials. */
  @Column('text', { nullable: true })
  detail: string | null;
}
