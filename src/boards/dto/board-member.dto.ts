import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { BOARD_ROLES, type BoardRole } from '../../common/domain-values.js';
import { PageQueryDto } from '../../common/pagination.js';
import { IsDateOnly, Optional } from '../../common/dto-fields.js';

const ROLE_MESSAGE = `role must be one of ${BOARD_ROLES.join(', ')}`;

export class CreateMemberDto {
  @ApiProperty({ format: 'uuid', description: 'The partner (organisation) taking the seat' })
  @IsUUID('all', { message: 'partnerId must be a UUID' })
  partnerId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The person who sits for the partner: one of its contacts',
  })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a UUID' })
  contactId?: string | null;

  @ApiProperty({ enum: BOARD_ROLES, description: 'At most one chair at a time' })
  @IsIn(BOARD_ROLES, { message: ROLE_MESSAGE })
  role: BoardRole;

  @ApiProperty({ example: '2026-01-01', description: 'First day of the term (YYYY-MM-DD)' })
  @IsDateOnly()
  termStart: string;

  @ApiPropertyOptional({
    example: '2028-12-31',
    nullable: true,
    type: String,
    description: 'Last day of the term (YYYY-MM-DD, not before termStart); none for an open term',
  })
  @IsOptional()
  @IsDateOnly()
  termEnd?: string | null;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "One of the partner's contacts; null clears it",
  })
  @IsOptional()
  @IsUUID('all', { message: 'contactId must be a UUID' })
  contactId?: string | null;

  @ApiPropertyOptional({ enum: BOARD_ROLES })
  @Optional()
  @IsIn(BOARD_ROLES, { message: ROLE_MESSAGE })
  role?: BoardRole;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @Optional()
  @IsDateOnly()
  termStart?: string;

  @ApiPropertyOptional({
    example: '2028-12-31',
    nullable: true,
    type: String,
    description: 'null makes the term open-ended',
  })
  @IsOptional()
  @IsDateOnly()
  termEnd?: string | null;
}

export const MEMBER_SORTS = ['role', 'partnerName', 'termStart', '-termStart'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export class MemberQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2026-03-01',
    description: 'Only members whose term covers this date (YYYY-MM-DD); all, current and past, without it',
  })
  @IsOptional()
  @IsDateOnly()
  asOf?: string;

  @ApiPropertyOptional({
    enum: MEMBER_SORTS,
    default: 'role',
    description: 'role: chair, members, observers, each by partner name',
  })
  @IsOptional()
  @IsIn(MEMBER_SORTS, { message: `sort must be one of ${MEMBER_SORTS.join(', ')}` })
  sort?: MemberSort;
}

export class MemberResponse {
  @ApiProperty() id: string;
  @ApiProperty() boardId: string;
  @ApiProperty() partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty() sector: string;
  @ApiProperty({ nullable: true, type: String }) contactId: string | null;
  @ApiProperty({ enum: BOARD_ROLES }) role: BoardRole;
  @ApiProperty({ example: '2026-01-01' }) termStart: string;
  @ApiProperty({ nullable: true, type: String, example: '2028-12-31' }) termEnd: string | null;
  @ApiProperty({ description: "The term covers today (in the centre's time zone)" }) current: boolean;
}

export class MemberPage {
  @ApiProperty({ type: [MemberResponse] }) items: MemberResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
