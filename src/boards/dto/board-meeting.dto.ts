import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { parseWhen } from '../../common/dates.js';
import { IsWhen, RequiredText, Trim } from '../../common/dto-fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import { OneLine } from '../../common/dto-fields.js';

export const MAX_ATTENDEES = 100;
export const NOTES_MAX = 10_000;

/** An ISO 8601 instant with its offset, or a bare date (YYYY-MM-DD: noon that day in the centre's time zone), in the accepted range. */
export function isInstantOrDate(value: unknown): value is string {
  return parseWhen(value) !== undefined;
}

export class AttendeeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'partnerId must be a UUID' })
  partnerId: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "The partner's people who attended (its contacts)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTENDEES)
  @ArrayUnique({ message: 'contactIds must not repeat a contact' })
  @IsUUID('all', { each: true, message: 'each of contactIds must be a UUID' })
  contactIds?: string[];
}

export class CreateMeetingDto {
  @ApiProperty({
    example: '2026-03-01T10:00:00Z',
    description: "ISO 8601 instant, or YYYY-MM-DD for noon that day in the centre's time zone; not in the future",
  })
  @IsWhen()
  heldAt: string;

  @ApiProperty({ example: 'Spring meeting' })
  @RequiredText()
  @OneLine()
  title: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: NOTES_MAX })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(NOTES_MAX)
  notes?: string | null;

  @ApiProperty({
    type: [AttendeeDto],
    minItems: 1,
    maxItems: MAX_ATTENDEES,
    description: 'One entry per attending partner (each partner once)',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'attendees must list at least one attending partner' })
  @ArrayMaxSize(MAX_ATTENDEES)
  @ArrayUnique((attendee: unknown) => (attendee as { partnerId?: unknown } | null)?.partnerId, {
    message: 'attendees must list each partner once',
  })
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees: AttendeeDto[];
}

export const MEETING_SORTS = ['-heldAt', 'heldAt'] as const;
export type MeetingSort = (typeof MEETING_SORTS)[number];

export class MeetingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEETING_SORTS, default: '-heldAt', description: 'Newest first by default' })
  @IsOptional()
  @IsIn(MEETING_SORTS, { message: `sort must be one of ${MEETING_SORTS.join(', ')}` })
  sort?: MeetingSort;
}

export class AttendeeResponse {
  @ApiProperty() partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ type: [String] }) contactIds: string[];
  @ApiProperty({ description: "The engagement on the partner's timeline that records this attendance" })
  engagementId: string;
}

export class MeetingResponse {
  @ApiProperty() id: string;
  @ApiProperty() boardId: string;
  @ApiProperty() heldAt: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() recordedById: string;
  @ApiProperty({ type: [AttendeeResponse] }) attendees: AttendeeResponse[];
}

export class MeetingPage {
  @ApiProperty({ type: [MeetingResponse] }) items: MeetingResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
