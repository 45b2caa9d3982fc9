import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { SID_ROLE_KINDS, SID_ROLE_STATUSES, type SidRoleKind, type SidRoleStatus } from '../../common/domain-values.js';
import { PageQueryDto } from '../../common/pagination.js';
import { SID_ROLE_INITIAL_STATUSES, type SidRoleInitialStatus } from '../sid-role-status.js';
import { SidYearParams, TrimOrNull } from './sid-campaign.dto.js';

const NOTES_MAX = 2000;
const ROLE_MESSAGE = `role must be one of ${SID_ROLE_KINDS.join(', ')}`;
const STATUS_MESSAGE = `status must be one of ${SID_ROLE_STATUSES.join(', ')}`;

/** Optional, but not nullable: null is validated (and refused) instead of being skipped like a missing field. */
const NotNullIfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class SidRoleParams extends SidYearParams {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  roleId: string;
}

export class CreateSidRoleDto {
  @ApiProperty({ format: 'uuid', description: 'A partner of your centre that is not archived' })
  @IsUUID(undefined, { message: 'partnerId must be a partner id (UUID)' })
  partnerId: string;

  @ApiProperty({ enum: SID_ROLE_KINDS })
  @IsIn(SID_ROLE_KINDS, { message: ROLE_MESSAGE })
  role: SidRoleKind;

  @ApiPropertyOptional({
    enum: SID_ROLE_INITIAL_STATUSES,
    default: 'invited',
    description: 'A new role starts invited, or confirmed when the partner already said yes',
  })
  @NotNullIfPresent()
  @IsIn(SID_ROLE_INITIAL_STATUSES, {
    message: `status of a new role must be ${SID_ROLE_INITIAL_STATUSES.join(' or ')}`,
  })
  status?: SidRoleInitialStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: NOTES_MAX })
  @TrimOrNull()
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX)
  notes?: string | null;
}

export class UpdateSidRoleDto {
  @ApiPropertyOptional({
    enum: SID_ROLE_STATUSES,
    description:
      'invited → confirmed | declined; confirmed → delivered | declined; declined → invited; delivered is final. Anything else is 409; the same status changes nothing.',
  })
  @NotNullIfPresent()
  @IsIn(SID_ROLE_STATUSES, { message: STATUS_MESSAGE })
  status?: SidRoleStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: NOTES_MAX, description: 'null or blank clears them' })
  @TrimOrNull()
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX)
  notes?: string | null;
}

export const SID_ROLE_SORTS = [
  'partnerName',
  '-partnerName',
  'role',
  'status',
  'statusChangedAt',
  '-statusChangedAt',
  'createdAt',
  '-createdAt',
] as const;
export type SidRoleSort = (typeof SID_ROLE_SORTS)[number];

export class SidRoleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SID_ROLE_STATUSES })
  @IsOptional()
  @IsIn(SID_ROLE_STATUSES, { message: STATUS_MESSAGE })
  status?: SidRoleStatus;

  @ApiPropertyOptional({ enum: SID_ROLE_KINDS })
  @IsOptional()
  @IsIn(SID_ROLE_KINDS, { message: ROLE_MESSAGE })
  role?: SidRoleKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'partnerId must be a partner id (UUID)' })
  partnerId?: string;

  @ApiPropertyOptional({ enum: SID_ROLE_SORTS, default: 'partnerName' })
  @IsOptional()
  @IsIn(SID_ROLE_SORTS, { message: `sort must be one of ${SID_ROLE_SORTS.join(', ')}` })
  sort?: SidRoleSort;
}

export class SidRoleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ enum: SID_ROLE_KINDS }) role: SidRoleKind;
  @ApiProperty({ enum: SID_ROLE_STATUSES }) status: SidRoleStatus;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SidRolePage {
  @ApiProperty({ type: [SidRoleResponse] }) items: SidRoleResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
