import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { ACCEPTED_DATES, isAcceptedDate, parseWhen, WHEN_FORMAT } from './dates.js';

/** Trims surrounding spaces from a string field before it is validated. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases (emails, codes). */
export const TrimLower = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** A required one-line text such as a name: trimmed, not empty, at most `max` characters. */
export const RequiredText = (max = 200) => applyDecorators(Trim(), IsString(), IsNotEmpty(), MaxLength(max));

/** A calendar date written YYYY-MM-DD, in the accepted range (2027-02-30 and 9999-12-31 are refused). */
export const IsDateOnly = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isDateOnly', validator: { validate: (value: unknown) => isAcceptedDate(value) } },
    { message: ({ property }) => `${property} must be a date written YYYY-MM-DD, ${ACCEPTED_DATES}`, ...options },
  );

/** A calendar date YYYY-MM-DD or an ISO 8601 instant with a time zone, in the accepted range (see parseWhen). */
export const IsWhen = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isWhen', validator: { validate: (value: unknown) => parseWhen(value) !== undefined } },
    { message: ({ property }) => `${property} must be ${WHEN_FORMAT}`, ...options },
  );

/**
 * Optional, but not nullable: `null` is validated (and refused) instead of skipped as @IsOptional would.
 * (The global pipe refuses null in any field not declared `nullable: true` anyway, with its own message.)
 */
export const Optional = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A name or title: one line, without control characters. (NUL the global pipe refuses in every field.) */
export const OneLine = () =>
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  Matches(/^[^\u0000-\u001f\u007f]*$/, {
    message: ({ property }) => `${property} must be one line of text without control characters`,
  });
