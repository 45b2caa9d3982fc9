import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { ReminderPage, ReminderQueryDto, ReminderResponse, RunScanDto, ScanResponse, SnoozeDto } from './dto/reminder.dto.js';
import { ReminderScan } from '../reminder-scan/reminder-scan.service.js';
import { RemindersService } from './reminders.service.js';
import { ReminderStatusService } from '../reminder-scan/reminder-status.service.js';
import { ReminderStatusResponse } from '../reminder-scan/dto/reminder-status.dto.js';

@ApiTags('reminders')
@Controller(`${API}/reminders`)
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly scanStatus: ReminderStatusService,
  ) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: ReminderPage, description: 'Your reminders (everyone\'s for managers and admins), soonest due first' })
  list(@Ctx() ctx: RequestContext, @Query() query: ReminderQueryDto): Promise<Page<ReminderResponse>> {
    return this.reminders.list(ctx, query);
  }

  @Get('status')
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({ type: ReminderStatusResponse, description: 'Whether the centre\'s daily scan runs: last scans, next one, and scanOverdue for a banner' })
  status(@Ctx() ctx: RequestContext): Promise<ReminderStatusResponse> {
    return this.scanStatus.status(ctx);
  }

  @Post(':id/done')
  @Roles('admin', 'manager', 'coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: ReminderResponse })
  @ApiNotFoundResponse({ description: 'Unknown, or another centre\'s' })
  @ApiConflictResponse({ description: 'The reminder was cancelled' })
  done(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<ReminderResponse> {
    return this.reminders.done(ctx, id);
  }

  @Post(':id/snooze')
  @Roles('admin', 'manager', 'coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: ReminderResponse })
  @ApiNotFoundResponse({ description: 'Unknown, or another centre\'s' })
  @ApiConflictResponse({ description: 'The reminder is done or cancelled' })
  snooze(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: SnoozeDto): Promise<ReminderResponse> {
    return this.reminders.snooze(ctx, id, dto.until);
  }
}

@ApiTags('reminders')
@Controller(`${API}/admin/reminders`)
export class ReminderScanController {
  constructor(private readonly scan: ReminderScan) {}

  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ScanResponse, description: 'Previews (dryRun) or performs the centre\'s reminder scan for any day' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  run(@Ctx() ctx: RequestContext, @Body() dto: RunScanDto): Promise<ScanResponse> {
    return this.scan.run(ctx, { ...dto, trigger: 'admin', listDue: true, weeklySummary: 'mondays' });
  }
}
