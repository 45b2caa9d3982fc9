import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { ReminderPage, ReminderQueryDto, ReminderResponse, SnoozeDto } from './dto/reminder.dto.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@Controller(`${API}/reminders`)
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @Roles('admin', 'manager', 'coordinator')
  @ApiOkResponse({
    type: ReminderPage,
    description: "Your reminders (everyone's for managers and admins), soonest due first",
  })
  list(@Ctx() ctx: RequestContext, @Query() query: ReminderQueryDto): Promise<Page<ReminderResponse>> {
    return this.reminders.list(ctx, query);
  }

  @Post(':id/done')
  @Roles('admin', 'manager', 'coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: ReminderResponse })
  @ApiNotFoundResponse({ description: "Unknown, or another centre's" })
  @ApiConflictResponse({ description: 'The reminder was cancelled' })
  done(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<ReminderResponse> {
    return this.reminders.done(ctx, id);
  }

  @Post(':id/snooze')
  @Roles('admin', 'manager', 'coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: ReminderResponse })
  @ApiNotFoundResponse({ description: "Unknown, or another centre's" })
  @ApiConflictResponse({ description: 'The reminder is done or cancelled' })
  snooze(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: SnoozeDto): Promise<ReminderResponse> {
    return this.reminders.snooze(ctx, id, dto.until);
  }
}
