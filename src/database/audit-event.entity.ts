import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Centre } from './centre.entity.js';

/** 'read': a network admin looked at this centre's data from outside it (CentreScope.inspect). */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'read'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One change to centre data, written in the same transaction as the change. A trigger (see the migration)
 * refuses UPDATE, DELETE and TRUNCATE: the trail is append-only.
 */
@Entity('audit_event')
@Index('audit_event_centre_time_idx', ['centreId', 'occurredAt'])
@Index('audit_event_entity_idx', ['centreId', 'entityType', 'entityId'])
@Check('audit_event_action_check', `action IN ('create', 'update', 'delete', 'read')`)
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid')
  centreId: string;

  @ManyToOne(() => Centre, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id' })
  centre?: Centre;

  /** The user who made the change; null for the system (first run, scans). */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('text')
  action: AuditAction;

  @Column('text')
  entityType: string;

  @Column('text')
  entityId: string;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  requestId: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;
}
