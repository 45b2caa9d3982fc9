import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { ACCEPTED_DATES, isAcceptedDate } from '../../common/dates.js';
import { isSidYear, SID_FIRST_YEAR, SID_LAST_YEAR } from '../sid-calendar.js';

const YEAR_MESSAGE = `year must be a whole year from ${SID_FIRST_YEAR} to ${SID_LAST_YEAR}`;

/** Optional text: surrounding spaces trimmed, and a blank value means "none" (null). */
export const TrimOrNull = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  });

const isControl = (code: number) => code < 0x20 || code === 0x7f;
const textWhere = (name: string, ok: (value: string) => boolean, message: (property: string) => string) =>
  ValidateBy(
    { name, validator: { validate: (value: unknown) => typeof value !== 'string' || ok(value) } },
    { message: ({ property }) => message(property) },
  );

/** PostgreSQL text cannot hold NUL: refuse it as bad input rather than fail in the database. */

/** A title-like field: one line, no control characters. */
const OneLine = () =>
  textWhere(
    'oneLine',
    (v) => ![...v].some((c) => isControl(c.charCodeAt(0))),
    (p) => `${p} must be one line of text without control characters`,
  );

export const IsIsoDateString = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIsoDateString', validator: { validate: (value: unknown) => isAcceptedDate(value) } },
    { message: ({ property }) => `${property} must be a date written YYYY-MM-DD, ${ACCEPTED_DATES}`, ...options },
  );

const IsSidYear = () =>
  ValidateBy(
    { name: 'isSidYear', validator: { validate: (value: unknown) => typeof value === 'number' && isSidYear(value) } },
    { message: YEAR_MESSAGE },
  );

/** `:year` of every SID route: digits only ("2027"), so "2027.5", "2e3" or "0x7eb" are refused, not rounded. */
export class SidYearParams {
  @ApiProperty({ type: 'integer', minimum: SID_FIRST_YEAR, maximum: SID_LAST_YEAR, example: 2027 })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value,
  )
  @IsSidYear()
  year: number;
}

export class UpdateSidCampaignDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    example: '2027-02-09',
    description:
      "The centre's own SID date for this year, between 1 January and 31 March of it; null goes back to the Tuesday between 5 and 11 February",
  })
  @IsOptional()
  @IsIsoDateString()
  date?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'Together for a better internet',
    description: 'null or blank clears it',
  })
  @TrimOrNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @OneLine()
  theme?: string | null;
}

export class SidCampaignResponse {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ format: 'date', example: '2027-02-09' }) date: string;
  @ApiProperty({
    format: 'date',
    example: '2026-12-29',
    description: "First day of the SID window: date − the centre's sidDaysBefore",
  })
  windowStart: string;
  @ApiProperty({
    format: 'date',
    example: '2027-02-23',
    description: "Last day of the SID window: date + the centre's sidDaysAfter",
  })
  windowEnd: string;
  @ApiProperty({ type: String, nullable: true }) theme: string | null;
  @ApiProperty({
    enum: ['default', 'centre'],
    description: "default: the Tuesday between 5 and 11 February; centre: the centre's own date",
  })
  dateSource: 'default' | 'centre';
}
