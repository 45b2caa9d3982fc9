import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateIf,
} from 'class-validator';
import { ENGAGEMENT_TYPES, type EngagementType } from '../../common/domain-values.js';
import { IsDateOnly, IsWhen, RequiredText, Trim } from '../../common/dto-fields.js';
import { PageQueryDto, type Page } from '../../common/pagination.js';
import type { Engagement } from '../engagement.entity.js';

export const MAX_PARTNERS = 50;
export const MAX_CONTACTS = 200;
export const SUMMARY_MAX = 2000;
export const NOTES_MAX = 20000;
export const OUTCOME_MAX = 2000;
export const SID_YEAR_MIN = 2004;
export const SID_YEAR_MAX = 2100;

/** Types a client may log; `board_meeting` engagements are written by advisory-board meetings only. */
export const LOGGABLE_TYPES = ENGAGEMENT_TYPES.filter((t) => t !== 'board_meeting');
export const ENGAGEMENT_SORTS = ['-occurredAt', 'occurredAt'] as const;
export type EngagementSort = (typeof ENGAGEMENT_SORTS)[number];

// Dates and instants: one format and one accepted range for the whole API (common/dates.ts).
export { parseWhen, type When } from '../../common/dates.js';

const TYPE_MESSAGE = `type must be one of ${LOGGABLE_TYPES.join(', ')}`;
const BOARD_MEETING_MESSAGE =
  'type board_meeting is recorded by an advisory-board meeting (POST /api/v1/advisory-boards/:id/meetings), not logged directly';

/** Ids compare as text in the service: PostgreSQL answers in lower case, so the client's ids are read in lower case too. */
const LowerIds = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v)) : value,
  );

/** Present in a PATCH, it must be valid; `null` is not a way to clear a required field. */
const IfSent = (field: string) => ValidateIf((o: Record<string, unknown>) => o[field] !== undefined);

/** Each field's rules, shared by the create and update DTOs (which document the fields each their own way). */
const PartnerIds = () =>
  applyDecorators(
    LowerIds(),
    IsArray(),
    ArrayMinSize(1, { message: 'partnerIds must name at least one partner' }),
    ArrayMaxSize(MAX_PARTNERS, { message: `partnerIds must name at most ${MAX_PARTNERS} partners` }),
    ArrayUnique({ message: 'partnerIds must not repeat a partner' }),
    IsUUID(undefined, { each: true, message: 'each of partnerIds must be a partner id (UUID)' }),
  );
const ContactIds = () =>
  applyDecorators(
    LowerIds(),
    IsArray(),
    ArrayMaxSize(MAX_CONTACTS),
    ArrayUnique({ message: 'contactIds must not repeat a contact' }),
    IsUUID(undefined, { each: true, message: 'each of contactIds must be a contact id (UUID)' }),
  );
const LoggableType = () =>
  applyDecorators(
    IsIn(ENGAGEMENT_TYPES, { message: TYPE_MESSAGE }),
    NotEquals('board_meeting', { message: BOARD_MEETING_MESSAGE }),
  );
const OptionalText = (max: number) => applyDecorators(IsOptional(), Trim(), IsString(), MaxLength(max));
const OptionalSidYear = () => applyDecorators(IsOptional(), IsInt(), Min(SID_YEAR_MIN), Max(SID_YEAR_MAX));

const OCCURRED_AT_DOC =
  "When it happened: an ISO 8601 instant, or a date YYYY-MM-DD meaning noon of that day in the centre's time zone. At most a day ahead of now.";

export class CreateEngagementDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_PARTNERS,
    description: "The organisations it touched (a roundtable touches many); each one's timeline and cadence count it",
  })
  @PartnerIds()
  partnerIds: string[];

  @ApiProperty({ enum: LOGGABLE_TYPES })
  @LoggableType()
  type: EngagementType;

  @ApiProperty({ example: '2026-03-01T11:30:00Z', description: OCCURRED_AT_DOC })
  @IsWhen()
  occurredAt: string;

  @ApiProperty({ maxLength: SUMMARY_MAX, example: 'Roundtable on age assurance' })
  @RequiredText(SUMMARY_MAX)
  summary: string;

  @ApiPropertyOptional({ maxLength: NOTES_MAX, nullable: true, type: String })
  @OptionalText(NOTES_MAX)
  notes?: string | null;

  @ApiPropertyOptional({ maxLength: OUTCOME_MAX, nullable: true, type: String })
  @OptionalText(OUTCOME_MAX)
  outcome?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_CONTACTS,
    description: 'People of these partners who took part',
  })
  @IsOptional()
  @ContactIds()
  contactIds?: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-04-15',
    description: 'A date YYYY-MM-DD, not before the day of the engagement',
  })
  @IsOptional()
  @IsDateOnly()
  followUpAt?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: SID_YEAR_MIN,
    maximum: SID_YEAR_MAX,
    description: 'The Safer Internet Day campaign it belongs to',
  })
  @OptionalSidYear()
  sidYear?: number | null;
}

/**
 * Every field optional. partnerIds and contactIds replace the links; changing partnerIds without sending
 * contactIds drops the contacts of partners no longer on the engagement. `null` clears notes, outcome,
 * followUpAt and sidYear.
 */
export class UpdateEngagementDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_PARTNERS,
    description: 'Replaces the partners (not for an engagement of a board meeting)',
  })
  @IfSent('partnerIds')
  @PartnerIds()
  partnerIds?: string[];

  @ApiPropertyOptional({ enum: LOGGABLE_TYPES, description: 'Not for an engagement of a board meeting' })
  @IfSent('type')
  @LoggableType()
  type?: EngagementType;

  @ApiPropertyOptional({
    example: '2026-03-01T11:30:00Z',
    description: `${OCCURRED_AT_DOC} Not for an engagement of a board meeting.`,
  })
  @IfSent('occurredAt')
  @IsWhen()
  occurredAt?: string;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX })
  @IfSent('summary')
  @RequiredText(SUMMARY_MAX)
  summary?: string;

  @ApiPropertyOptional({ maxLength: NOTES_MAX, nullable: true, type: String })
  @OptionalText(NOTES_MAX)
  notes?: string | null;

  @ApiPropertyOptional({ maxLength: OUTCOME_MAX, nullable: true, type: String })
  @OptionalText(OUTCOME_MAX)
  outcome?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_CONTACTS,
    description: 'Replaces the contacts; [] removes them all',
  })
  @IfSent('contactIds')
  @ContactIds()
  contactIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-04-15' })
  @IsOptional()
  @IsDateOnly()
  followUpAt?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: SID_YEAR_MIN, maximum: SID_YEAR_MAX })
  @OptionalSidYear()
  sidYear?: number | null;
}

export class EngagementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Engagements touching this partner' })
  @IsOptional()
  @IsUUID(undefined, { message: 'partnerId must be a partner id (UUID)' })
  partnerId?: string;

  @ApiPropertyOptional({
    example: '2026-03-01',
    description: "From this date (in the centre's time zone) or instant, inclusive",
  })
  @IsOptional()
  @IsWhen()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description: "Until this date (in the centre's time zone, the whole day) or instant, inclusive",
  })
  @IsOptional()
  @IsWhen()
  to?: string;

  @ApiPropertyOptional({ enum: ENGAGEMENT_TYPES })
  @IsOptional()
  @IsIn(ENGAGEMENT_TYPES, { message: `type must be one of ${ENGAGEMENT_TYPES.join(', ')}` })
  type?: EngagementType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Engagements logged by this user' })
  @IsOptional()
  @IsUUID(undefined, { message: 'loggedById must be a user id (UUID)' })
  loggedById?: string;

  @ApiPropertyOptional({ enum: ENGAGEMENT_SORTS, default: '-occurredAt', description: '-occurredAt: newest first' })
  @IsOptional()
  @IsIn(ENGAGEMENT_SORTS, { message: `sort must be one of ${ENGAGEMENT_SORTS.join(', ')}` })
  sort?: EngagementSort;
}

export class EngagementResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partnerIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) contactIds: string[];
  @ApiProperty({ enum: ENGAGEMENT_TYPES }) type: EngagementType;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) followUpAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) sidYear: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Who logged it' }) loggedById:
    string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'Set when an advisory-board meeting recorded it',
  })
  boardMeetingId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(e: Engagement, links: { partnerIds: string[]; contactIds: string[] }): EngagementResponse {
    return {
      id: e.id,
      partnerIds: links.partnerIds,
      contactIds: links.contactIds,
      type: e.type,
      occurredAt: e.occurredAt.toISOString(),
      summary: e.summary,
      notes: e.notes,
      outcome: e.outcome,
      followUpAt: e.followUpAt,
      sidYear: e.sidYear,
      loggedById: e.loggedById,
      boardMeetingId: e.boardMeetingId,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  }
}

/** The OpenAPI shape of a list answer. */
export class EngagementPage implements Page<EngagementResponse> {
  @ApiProperty({ type: [EngagementResponse] }) items: EngagementResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
