import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto, type AuditEventResponse } from './dto/audit.dto.js';

@ApiTags('audit')
@Controller(`${API}/audit`)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiOkResponse({ description: 'Every create, update and delete in your centre, newest first; read-only' })
  list(@Ctx() ctx: RequestContext, @Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    return this.audit.list(ctx, query);
  }
}
