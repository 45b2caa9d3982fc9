import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly } from '../../common/dto-fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import { REMINDER_KINDS, REMINDER_STATES, type ReminderKind, type ReminderState } from '../reminder.entity.js';

export class ReminderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REMINDER_STATES, description: 'Default: the open ones (pending, sent, snoozed)' })
  @IsOptional()
  @IsIn(REMINDER_STATES)
  state?: ReminderState;

  @ApiPropertyOptional({ enum: REMINDER_KINDS })
  @IsOptional()
  @IsIn(REMINDER_KINDS)
  kind?: ReminderKind;

  @ApiPropertyOptional({
    description: "Managers and admins: one person's reminders (coordinators always see their own)",
  })
  @IsOptional()
  @IsUUID()
  recipientId?: string;
}

export class SnoozeDto {
  @ApiProperty({
    example: '2027-03-01',
    description: "A later day (YYYY-MM-DD, the centre's calendar); the reminder comes back then",
  })
  @IsDateOnly()
  until: string;
}

export class RunScanDto {
  @ApiPropertyOptional({
    example: '2027-03-01',
    description: "Scan as of this day (default today in the centre's time zone)",
  })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;

  @ApiPropertyOptional({ default: false, description: 'Preview what is due without writing anything' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class ReminderResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty({ nullable: true, type: String, description: 'Null only for a board meeting reminder' }) partnerId:
    string | null;
  @ApiProperty({ nullable: true, type: String }) partnerName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'board_term_ending and board_meeting_due' }) boardId:
    string | null;
  @ApiProperty({ nullable: true, type: String }) boardName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The primary contact of a contact_review' }) contactId:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The engagement of a follow_up_due' }) engagementId:
    string | null;
  @ApiProperty() recipientId: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: REMINDER_STATES }) state: ReminderState;
  @ApiProperty({ nullable: true, type: String }) snoozedUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) doneAt: string | null;
  @ApiProperty() createdAt: string;
}

export class ReminderPage {
  @ApiProperty({ type: [ReminderResponse] }) items: ReminderResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

/** What a scan finds due: a reminder before it is written. */
export class DueReminderResponse extends PickType(ReminderResponse, [
  'kind',
  'partnerId',
  'partnerName',
  'boardId',
  'boardName',
  'contactId',
  'engagementId',
  'recipientId',
  'dueDate',
] as const) {}

export class ScanResponse {
  @ApiProperty() asOf: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [DueReminderResponse], description: 'Everything due that day, soonest first' })
  due: DueReminderResponse[];
  @ApiProperty({ description: 'How many reminders are due that day' }) dueCount: number;
  @ApiProperty({ description: 'New reminders written (0 for a dry run or a rerun of the same day)' }) created: number;
  @ApiProperty({
    description:
      'Open reminders closed because their reason went away (contact made, term extended, partner archived…)',
  })
  resolved: number;
  @ApiProperty({ description: 'Snoozed reminders whose day came' }) reopened: number;
  @ApiProperty({ description: 'Digest emails staged in the outbox by this run' }) emails: number;
}
