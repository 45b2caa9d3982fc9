import { RequiredText } from '../../common/dto-fields.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsTimeZone,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CadencePolicy, Centre } from '../../database/centre.entity.js';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const SECTOR = /^[a-z][a-z0-9_]{0,39}$/;
const COUNTRY_MESSAGE = 'country must be a two-letter ISO 3166-1 code such as BE';
const TIMEZONE_MESSAGE = 'timezone must be an IANA time zone such as Europe/Brussels';
const RETENTION_MESSAGE = 'contactRetentionMonths must be a whole number of months from 1 to 120, or null for off';

export class TierCadenceDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(3650) key?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(3650) regular?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(3650) occasional?: number;
}

/**
 * The whole policy is sent each time and replaces the stored one: defaultDays is required, since every partner
 * without a cadence of its own falls back to it (without it, reminders would silently stop for them).
 */
export class CadencePolicyDto {
  @ApiProperty({ minimum: 1, maximum: 3650, description: 'Days between contacts when nothing more specific applies' })
  @IsInt({ message: 'defaultDays must be a whole number of days from 1 to 3650' })
  @Min(1, { message: 'defaultDays must be a whole number of days from 1 to 3650' })
  @Max(3650, { message: 'defaultDays must be a whole number of days from 1 to 3650' })
  defaultDays: number;

  @ApiPropertyOptional({
    description: 'Days per sector, e.g. {"education": 60}: each key one of the centre\'s sectors, each value 1 to 3650',
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1, maximum: 3650 },
  })
  @IsOptional()
  @IsObject({ message: 'bySector must be an object of sector names and days, such as {"education": 60}' })
  bySector?: Record<string, number>;

  @ApiPropertyOptional({
    type: TierCadenceDto,
    description: 'Days per partner tier (key, regular, occasional), each 1 to 3650',
  })
  @IsOptional()
  @IsObject({ message: 'byTier must be an object of tiers and days, such as {"key": 30}' })
  @ValidateNested()
  @Type(() => TierCadenceDto)
  byTier?: TierCadenceDto;
}

/**
 * Settings a centre admin may change (and a network admin when creating a centre). Name, country and time zone
 * are declared in each subclass, not here: class-validator would keep this class's "skip when missing" on a
 * required redeclaration, and a centre without a name would reach the database.
 */
export class CentreSettingsDto {
  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'locale must look like en or fr-BE' })
  locale?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: 'Local hour of the daily reminder scan' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  reminderHour?: number;

  @ApiPropertyOptional({ description: 'SID window: days before SID' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(180)
  sidDaysBefore?: number;

  @ApiPropertyOptional({ description: 'SID window: days after SID' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(180)
  sidDaysAfter?: number;

  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    description: 'The sectors partners can have (lower-case words with _)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'sectors must list at least one sector' })
  @ArrayUnique()
  @ArrayMaxSize(100)
  @Matches(SECTOR, { each: true, message: 'each sector must be lower-case letters, digits or _' })
  sectors?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Sectors the advisory board must cover (each one of sectors)' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @Matches(SECTOR, { each: true, message: 'each sector must be lower-case letters, digits or _' })
  requiredBoardSectors?: string[];

  @ApiPropertyOptional({ type: CadencePolicyDto, description: 'Replaces the whole policy; defaultDays is required' })
  @IsOptional()
  @IsObject({ message: 'cadence must be an object such as {"defaultDays": 90, "byTier": {"key": 30}}' })
  @ValidateNested()
  @Type(() => CadencePolicyDto)
  cadence?: CadencePolicyDto;

  @ApiPropertyOptional({
    type: [Number],
    description: 'Keep-warm touchpoints in days after SID, e.g. [60, 120, 210, 300]',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(24)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  keepWarmPlan?: number[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 120,
    description:
      'Retention: erase the contacts of partners archived for this many months (the daily reminder run does it); null, the default, is off',
  })
  @IsOptional()
  @IsInt({ message: RETENTION_MESSAGE })
  @Min(1, { message: RETENTION_MESSAGE })
  @Max(120, { message: RETENTION_MESSAGE })
  contactRetentionMonths?: number | null;
}

export class CreateCentreDto extends CentreSettingsDto {
  @ApiProperty()
  @RequiredText()
  name: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'BE' })
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: COUNTRY_MESSAGE })
  country: string;

  @ApiProperty({ example: 'Europe/Brussels' })
  @IsTimeZone({ message: TIMEZONE_MESSAGE })
  timezone: string;
}

export class UpdateCentreDto extends CentreSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @RequiredText()
  name?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2', example: 'BE' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: COUNTRY_MESSAGE })
  country?: string;

  @ApiPropertyOptional({ example: 'Europe/Brussels' })
  @IsOptional()
  @IsTimeZone({ message: TIMEZONE_MESSAGE })
  timezone?: string;
}

export class CentreResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty() timezone: string;
  @ApiProperty() locale: string;
  @ApiProperty() reminderHour: number;
  @ApiProperty() sidDaysBefore: number;
  @ApiProperty() sidDaysAfter: number;
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty({ type: [String] }) requiredBoardSectors: string[];
  @ApiProperty({ type: CadencePolicyDto }) cadence: CadencePolicy;
  @ApiProperty({ type: [Number] }) keepWarmPlan: number[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Months after archiving that contacts are erased; null: off',
  })
  contactRetentionMonths: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(c: Centre): CentreResponse {
    return {
      id: c.id,
      name: c.name,
      country: c.country,
      timezone: c.timezone,
      locale: c.locale,
      reminderHour: c.reminderHour,
      sidDaysBefore: c.sidDaysBefore,
      sidDaysAfter: c.sidDaysAfter,
      sectors: c.sectors,
      requiredBoardSectors: c.requiredBoardSectors,
      cadence: c.cadence,
      keepWarmPlan: c.keepWarmPlan,
      contactRetentionMonths: c.contactRetentionMonths ?? null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}
