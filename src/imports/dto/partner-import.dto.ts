import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export const ON_MATCH = ['skip', 'update', 'create'] as const;
export type OnMatch = (typeof ON_MATCH)[number];

const yesOrNo = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** How an import runs: checked only (the default) or written, and what a row matching an existing partner does. */
export class PartnerImportQueryDto {
  @ApiPropertyOptional({
    default: true,
    description: 'true: check the file and answer the counts a commit would produce, writing nothing',
  })
  @IsOptional()
  @Transform(yesOrNo)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun: boolean = true;

  @ApiPropertyOptional({
    enum: ON_MATCH,
    default: 'skip',
    description:
      'A row matching a current partner (same normalised name or website domain): skip it, update the partner with the non-empty cells (and add its contact unless the partner has that email already), or create a new partner anyway',
  })
  @IsOptional()
  @IsIn(ON_MATCH, { message: `onMatch must be one of ${ON_MATCH.join(', ')}` })
  onMatch: OnMatch = 'skip';
}

/** A problem (or a warning) in the file: row 1 is the header; column is the header's text, or null for a whole row. */
export class ImportCellProblem {
  @ApiProperty() row: number;
  @ApiProperty({ type: String, nullable: true }) column: string | null;
  @ApiProperty() message: string;
}

export class ImportReport {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'Data rows in the file (the header not counted)' }) rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: [ImportCellProblem], description: 'Always empty here: a file with errors is refused (422)' })
  errors: ImportCellProblem[];
  @ApiProperty({ type: [ImportCellProblem], description: 'Columns the import does not know, ignored' })
  warnings: ImportCellProblem[];
}
