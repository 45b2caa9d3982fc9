import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Centre } from '../database/centre.entity.js';
import { OutboxEmail } from './outbox-email.entity.js';

/**
 * handed-over: the message is with the server (or its end is about to be written), the answer not yet recorded;
 * an entry stays so only while its worker runs. uncertain: the answer never came (the worker or its connection
 * died after the hand-over); the detail says whether the email is sent again or held for an admin.
 */
export const SEND_OUTCOMES = ['handed-over', 'sent', 'retry', 'failed', 'uncertain'] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];

/**
 * The send log: one row per delivery attempt of an outbox email, written by the worker. A 'handed-over' row is
 * written in the transaction that marks the email sending and settled (sent, failed, retry) with the server's
 * answer; a failure before the hand-over is written in a short transaction of its own.
 */
@Entity('outbox_send_attempt')
@Check('outbox_send_attempt_outcome_check', `outcome IN ('handed-over', 'sent', 'retry', 'failed', 'uncertain')`)
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
