import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { RequestContext } from '../common/request-context.js';
import { RunScanDto, ScanResponse } from '../reminders/dto/reminder.dto.js';
import { ReminderStatusResponse } from './dto/reminder-status.dto.js';
import { ReminderScan } from './reminder-scan.service.js';
import { ReminderStatusService } from './reminder-status.service.js';

@ApiTags('reminders')
@Controller(`${API}/reminders/status`)
export class ReminderStatusController {
  constructor(private readonly scanStatus: ReminderStatusService) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: ReminderStatusResponse,
    description: "Whether the centre's daily scan runs: last scans, next one, and scanOverdue for a banner",
  })
  status(@Ctx() ctx: RequestContext): Promise<ReminderStatusResponse> {
    return this.scanStatus.status(ctx);
  }
}

@ApiTags('reminders')
@Controller(`${API}/admin/reminders`)
export class ReminderScanController {
  constructor(private readonly scan: ReminderScan) {}

  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: ScanResponse,
    description: "Previews (dryRun) or performs the centre's reminder scan for any day",
  })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  run(@Ctx() ctx: RequestContext, @Body() dto: RunScanDto): Promise<ScanResponse> {
    return this.scan.run(ctx, { ...dto, trigger: 'admin', listDue: true, weeklySummary: 'mondays' });
  }
}
