import { describe, expect, it } from '@jest/globals';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { translator } from '../ui/i18n/translator.js';
import { readForm } from './forms.js';

class ExampleDto {
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt({ message: 'sidYear must be a whole number' })
  sidYear?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt({ message: 'days must be a whole number' })
  days?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

const en = translator('en');

describe('readForm', () => {
  it('turns whole numbers of fields declared number | null into numbers, and leaves the rest to the DTO', async () => {
    expect(await readForm(ExampleDto, { sidYear: ' 2027 ', days: '' }, en)).toEqual({
      ok: true,
      dto: Object.assign(new ExampleDto(), { sidYear: 2027 }),
    });
    expect(await readForm(ExampleDto, { days: '1.5' }, en)).toEqual({
      ok: false,
      errors: { days: 'Days must be a whole number' },
    });
  });

  it('reads "true" and "false" as the booleans, and refuses any other word', async () => {
    expect(await readForm(ExampleDto, { overdue: 'false' }, en)).toEqual({
      ok: true,
      dto: Object.assign(new ExampleDto(), { overdue: false }),
    });
    expect(await readForm(ExampleDto, { overdue: 'true' }, en)).toMatchObject({ ok: true, dto: { overdue: true } });
    expect(await readForm(ExampleDto, { overdue: 'maybe' }, en)).toEqual({
      ok: false,
      errors: { overdue: 'This value is not valid.' },
    });
  });
});
