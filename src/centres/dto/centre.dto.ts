import { RequiredText } from '../../common/dto-fields.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsObject, IsOptional, IsTimeZone, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import type { CadencePolicy, Centre } from '../centre.entity.js';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const SECTOR = /^[a-z][a-z0-9_]{0,39}$/;

export class TierCadenceDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(3650) key?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(3650) regular?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(3650) occasional?: number;
}

export class CadencePolicyDto {
  @ApiProperty({ description: 'Days between contacts when nothing more specific applies' })
  @IsInt()
  @Min(1)
  @Max(3650)
  defaultDays: number;

  @ApiPropertyOptional({ description: 'Days per sector, e.g. {"education": 60}', type: 'object', additionalProperties: { type: 'integer' } })
  @IsOptional()
  @IsObject()
  bySector?: Record<string, number>;

  @ApiPropertyOptional({ type: TierCadenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TierCadenceDto)
  byTier?: TierCadenceDto;
}

/** Settings a centre admin may change (and a network admin when creating a centre). */
export class CentreSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @RequiredText()
  name?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2', example: 'BE' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code such as BE' })
  country?: string;

  @ApiPropertyOptional({ example: 'Europe/Brussels' })
  @IsOptional()
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Europe/Brussels' })
  timezone?: string;

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

  @ApiPropertyOptional({ type: [String], description: 'The sectors partners can have (lower-case words with _)' })
  @IsOptional()
  @IsArray()
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

  @ApiPropertyOptional({ type: CadencePolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CadencePolicyDto)
  cadence?: CadencePolicyDto;

  @ApiPropertyOptional({ type: [Number], description: 'Keep-warm touchpoints in days after SID, e.g. [60, 120, 210, 300]' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(24)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  keepWarmPlan?: number[];
}

export class CreateCentreDto extends CentreSettingsDto {
  @ApiProperty()
  @RequiredText()
  declare name: string;

  @ApiProperty({ example: 'BE' })
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code such as BE' })
  declare country: string;

  @ApiProperty({ example: 'Europe/Brussels' })
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Europe/Brussels' })
  declare timezone: string;
}

export class UpdateCentreDto extends CentreSettingsDto {}

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
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

