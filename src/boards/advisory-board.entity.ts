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
import { BOARD_ROLES, sqlList, type BoardRole } from '../common/domain-values.js';

/** An advisory board of the centre, with the sectors it must cover set in the centre's settings. */
@Entity('advisory_board')
@Unique('advisory_board_centre_key', ['centreId', 'id'])
@Check('advisory_board_cadence_check', `meeting_cadence_days IS NULL OR meeting_cadence_days BETWEEN 1 AND 3650`)
export class AdvisoryBoard {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  description: string | null;

  /** Days between meetings (reminders say when one is due). */
  @Column('smallint', { nullable: true })
  meetingCadenceDays: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A partner's seat on a board, for a term. */
@Entity('board_membership')
@Index('board_membership_board_idx', ['centreId', 'boardId'])
@Check('board_membership_role_check', `role IN (${sqlList(BOARD_ROLES)})`)
@Check('board_membership_term_check', `term_end IS NULL OR term_end >= term_start`)
export class BoardMembership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('uuid')
  boardId: string;

  @Column('uuid')
  partnerId: string;

  @Column('uuid', { nullable: true })
  contactId: string | null;

  @Column('text', { default: 'member' })
  role: BoardRole;

  @Column('date')
  termStart: string;

  @Column('date', { nullable: true })
  termEnd: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A board meeting; each attending partner gets an engagement of type board_meeting. */
@Entity('board_meeting')
@Unique('board_meeting_centre_key', ['centreId', 'id'])
@Index('board_meeting_board_idx', ['centreId', 'boardId', 'heldAt'])
export class BoardMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centreId: string;

  @Column('uuid')
  boardId: string;

  @Column('timestamptz')
  heldAt: Date;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('uuid')
  recordedById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
