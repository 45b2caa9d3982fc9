import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDateOnly, OneLine, Optional, RequiredText, Trim } from '../../common/dto-fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import type { AdvisoryBoard } from '../advisory-board.entity.js';
import type { BoardCoverage } from '../coverage.js';

export const CADENCE_MAX_DAYS = 3650;
export const DESCRIPTION_MAX = 2000;

export class CreateBoardDto {
  @ApiProperty({ example: 'Youth advisory board' })
  @RequiredText()
  @OneLine()
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: CADENCE_MAX_DAYS,
    description: 'Days between meetings',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CADENCE_MAX_DAYS)
  meetingCadenceDays?: number | null;
}

export class UpdateBoardDto {
  @ApiPropertyOptional()
  @Optional()
  @RequiredText()
  @OneLine()
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DESCRIPTION_MAX, description: 'null clears it' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: CADENCE_MAX_DAYS,
    description: 'Days between meetings; null clears it',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CADENCE_MAX_DAYS)
  meetingCadenceDays?: number | null;
}

export const BOARD_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export class BoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the board name (case- and accent-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: BOARD_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(BOARD_SORTS, { message: `sort must be one of ${BOARD_SORTS.join(', ')}` })
  sort?: BoardSort;
}

export class BoardResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) meetingCadenceDays: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(board: AdvisoryBoard): BoardResponse {
    return {
      id: board.id,
      name: board.name,
      description: board.description,
      meetingCadenceDays: board.meetingCadenceDays,
      createdAt: board.createdAt.toISOString(),
      updatedAt: board.updatedAt.toISOString(),
    };
  }
}

export class BoardPage {
  @ApiProperty({ type: [BoardResponse] }) items: BoardResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class CoverageQueryDto {
  @ApiPropertyOptional({ example: '2026-03-01', description: "Default: today in the centre's time zone" })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;
}

export class CoverageResponse implements BoardCoverage {
  @ApiProperty({ example: '2026-03-01' }) asOf: string;
  @ApiProperty({ type: [String], description: "The centre's required board sectors (settings)" })
  requiredSectors: string[];
  @ApiProperty({
    type: [String],
    description: 'Sectors of partners whose seat covers asOf: required ones first, in their order',
  })
  coveredSectors: string[];
  @ApiProperty({ type: [String], description: 'Required sectors no current seat covers, in the required order' })
  missingSectors: string[];
}
