import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsWhen } from '../../common/dto-fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from '../../database/audit-event.entity.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Entity type, e.g. user, centre, partner' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'entity must be an entity type such as user or partner' })
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: 'User id of who made the change' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({
    example: '2026-03-01T00:00:00Z',
    description:
      'From this time (ISO 8601 instant with a time zone, or a date YYYY-MM-DD meaning its start in UTC), inclusive',
  })
  @IsOptional()
  @IsWhen()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description:
      'Until this time (ISO 8601 instant with a time zone), exclusive; a date alone (YYYY-MM-DD) means up to the end of that day in UTC',
  })
  @IsOptional()
  @IsWhen()
  to?: string;

  @ApiPropertyOptional({ enum: ['-occurredAt', 'occurredAt'], default: '-occurredAt' })
  @IsOptional()
  @IsIn(['-occurredAt', 'occurredAt'])
  sort?: '-occurredAt' | 'occurredAt';
}

export class AuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: Object }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;

  static of(e: AuditEvent): AuditEventResponse {
    return {
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
      requestId: e.requestId,
    };
  }
}
