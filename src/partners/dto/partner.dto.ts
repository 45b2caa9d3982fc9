import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PARTNER_TIERS, type PartnerTier } from '../../database/centre.entity.js';
import { PARTNER_STATUSES, type PartnerStatus } from '../../common/domain-values.js';
import { IsDateOnly, RequiredText, Trim } from '../../common/dto-fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import type { CadenceSource } from '../partner-derived.sql.js';

const WORD = /^[a-z0-9][a-z0-9_-]{0,49}$/;
const words = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)))] : value;
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Fields a partner is created with; every one but name and sector is optional. */
export class PartnerFieldsDto {
  @ApiPropertyOptional({ enum: PARTNER_TIERS, default: 'regular' })
  @IsOptional()
  @IsIn(PARTNER_TIERS, { message: `tier must be one of ${PARTNER_TIERS.join(', ')}` })
  tier?: PartnerTier;

  @ApiPropertyOptional({
    type: [String],
    description: 'What the partnership is about, e.g. sid, advisory_board, funding',
  })
  @IsOptional()
  @Transform(words)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(WORD, { each: true, message: 'each kind must be a lower-case word (letters, digits, _ or -)' })
  kinds?: string[];

  @ApiPropertyOptional({ example: 'BE', nullable: true, type: String })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code such as BE' })
  country?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  region?: string | null;

  @ApiPropertyOptional({ example: 'https://example.org', nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) address' })
  @MaxLength(500)
  website?: string | null;

  @ApiPropertyOptional({
    description: 'A user of the centre who looks after this partner',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    nullable: true,
    type: Number,
    description: "Overrides the centre's cadence policy",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  cadenceDays?: number | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(words)
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(WORD, { each: true, message: 'each tag must be a lower-case word (letters, digits, _ or -)' })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  notes?: string | null;

  @ApiPropertyOptional({ enum: PARTNER_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(PARTNER_STATUSES, { message: `status must be one of ${PARTNER_STATUSES.join(', ')}` })
  status?: PartnerStatus;
}

export class CreatePartnerDto extends PartnerFieldsDto {
  @ApiProperty({ example: 'Telco Belgium' })
  @RequiredText()
  name: string;

  @ApiProperty({ example: 'telecom', description: "One of the centre's sectors" })
  @Trim()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: "sector must be one of the centre's sectors, such as education" })
  sector: string;
}

export class UpdatePartnerDto extends PartnerFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @RequiredText()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: "sector must be one of the centre's sectors, such as education" })
  sector?: string;

  @ApiPropertyOptional({ description: 'false restores an archived partner; true archives it' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export const PARTNER_SORTS = [
  'name',
  '-name',
  'nextContactDue',
  '-nextContactDue',
  'lastEngagementAt',
  '-lastEngagementAt',
  'createdAt',
  '-createdAt',
] as const;
export type PartnerSort = (typeof PARTNER_SORTS)[number];

export class PartnerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Matches name, tags and contact names or emails, whatever the case and accents' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'sector must be a sector name such as education' })
  sector?: string;

  @ApiPropertyOptional({ enum: PARTNER_STATUSES })
  @IsOptional()
  @IsIn(PARTNER_STATUSES)
  status?: PartnerStatus;

  @ApiPropertyOptional({ enum: PARTNER_TIERS })
  @IsOptional()
  @IsIn(PARTNER_TIERS)
  tier?: PartnerTier;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(WORD, { message: 'tag must be a lower-case word' })
  tag?: string;

  @ApiPropertyOptional({ description: 'Only partners whose next contact is overdue (true) or not (false)' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'true lists archived partners instead of current ones', default: false })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({
    description: "Compute the derived fields as of this date (YYYY-MM-DD, the centre's calendar); default today",
    format: 'date',
  })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;

  @ApiPropertyOptional({ enum: PARTNER_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(PARTNER_SORTS)
  sort?: PartnerSort;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({
    description: 'Compute the derived fields as of this date (YYYY-MM-DD); default today',
    format: 'date',
  })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;
}

export class CadenceResponse {
  @ApiProperty() days: number;
  @ApiProperty({ enum: ['partner', 'sector', 'tier', 'default'], description: 'Which rule gave the cadence' })
  source: CadenceSource;
}

export class PartnerResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() sector: string;
  @ApiProperty({ enum: PARTNER_TIERS }) tier: PartnerTier;
  @ApiProperty({ type: [String] }) kinds: string[];
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The partner's own cadence override" }) cadenceDays:
    number | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ enum: PARTNER_STATUSES }) status: PartnerStatus;
  @ApiProperty() archived: boolean;
  @ApiProperty({ nullable: true, type: String }) archivedAt: string | null;
  @ApiProperty({ type: CadenceResponse, description: 'The cadence in force and the rule it comes from' })
  cadence: CadenceResponse;
  @ApiProperty({ nullable: true, type: String }) lastEngagementAt: string | null;
  @ApiProperty({ description: "YYYY-MM-DD in the centre's calendar" }) nextContactDue: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: 'Engaged in the last 365 days, but only inside SID windows' }) seasonal: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class PartnerPage {
  @ApiProperty({ type: [PartnerResponse] }) items: PartnerResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class TimelineItem {
  @ApiProperty({ enum: ['engagement', 'board_meeting', 'sid_role'] }) kind: 'engagement' | 'board_meeting' | 'sid_role';
  @ApiProperty() id: string;
  @ApiProperty({ description: 'When it happened (engagements, meetings) or changed status (SID roles)' }) at: string;
  @ApiPropertyOptional() type?: string;
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) followUpAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) loggedById?: string | null;
  @ApiPropertyOptional({ description: 'For board meetings' }) board?: { id: string; name: string; meetingId: string };
  @ApiPropertyOptional({ description: 'For SID roles and SID engagements' }) sidYear?: number | null;
  @ApiPropertyOptional() role?: string;
  @ApiPropertyOptional() status?: string;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineItem] }) items: TimelineItem[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `before` for the next (older) page; null at the end',
  })
  nextCursor: string | null;
}
