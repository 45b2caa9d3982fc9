import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Trims surrounding spaces from a string field before it is validated. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases (emails, codes). */
export const TrimLower = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** A required one-line text such as a name: trimmed, not empty, at most `max` characters. */
export const RequiredText = (max = 200) => applyDecorators(Trim(), IsString(), IsNotEmpty(), MaxLength(max));
