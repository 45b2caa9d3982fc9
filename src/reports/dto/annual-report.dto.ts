import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';

export const REPORT_FORMATS = ['csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The first SID year a report may be asked for (the last is next year, checked against the clock). */
export const FIRST_REPORT_YEAR = 2000;

export class AnnualReportQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    minimum: FIRST_REPORT_YEAR,
    description:
      "The SID year, from 2000 to next year. Default: the current SID year (the last whose window has opened in the centre's today)",
  })
  @IsOptional()
  @Type(() => Number)
  @ValidateBy(
    {
      name: 'isReportYear',
      validator: { validate: (value: unknown) => Number.isInteger(value) && (value as number) >= FIRST_REPORT_YEAR },
    },
    { message: `year must be a whole number from ${FIRST_REPORT_YEAR} to next year, such as 2026` },
  )
  year?: number;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format must be csv or html' })
  format?: ReportFormat;
}
