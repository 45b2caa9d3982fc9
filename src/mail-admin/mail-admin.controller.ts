import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { RolesOrNetworkAdmin } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import {
  CentreQueryDto,
  MailStatusResponse,
  OutboxEmailDetailResponse,
  OutboxEmailResponse,
  OutboxPage,
  OutboxQueryDto,
  TestMailDto,
  TestMailResponse,
} from './dto/mail-admin.dto.js';
import { MailAdminService } from './mail-admin.service.js';

/** Delivery an admin can watch: the centre's outbox, each email's send log, failures, retry and a test send. */
@ApiTags('mail')
@Controller(`${API}/admin/mail`)
@ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
export class MailAdminController {
  constructor(private readonly admin: MailAdminService) {}

  @Get('outbox')
  @RolesOrNetworkAdmin('admin')
  @ApiOkResponse({ type: OutboxPage, description: "The centre's emails, newest first" })
  list(@Ctx() ctx: RequestContext, @Query() query: OutboxQueryDto): Promise<Page<OutboxEmailResponse>> {
    return this.admin.list(ctx, query);
  }

  @Get('outbox/:id')
  @RolesOrNetworkAdmin('admin')
  @ApiOkResponse({ type: OutboxEmailDetailResponse, description: 'One email with its send log' })
  @ApiNotFoundResponse({ description: "Unknown, or another centre's" })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<OutboxEmailDetailResponse> {
    return this.admin.get(ctx, id);
  }

  @Post('outbox/:id/retry')
  @RolesOrNetworkAdmin('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OutboxEmailResponse, description: 'The failed email is pending again and queued' })
  @ApiNotFoundResponse({ description: "Unknown, or another centre's" })
  @ApiConflictResponse({ description: 'The email has not failed' })
  retry(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<OutboxEmailResponse> {
    return this.admin.retry(ctx, id);
  }

  @Post('test')
  @RolesOrNetworkAdmin('admin')
  @ApiCreatedResponse({ type: TestMailResponse, description: 'A test email is in the outbox; follow its id' })
  sendTest(@Ctx() ctx: RequestContext, @Body() dto: TestMailDto): Promise<TestMailResponse> {
    return this.admin.sendTest(ctx, dto);
  }

  @Get('status')
  @RolesOrNetworkAdmin('admin')
  @ApiOkResponse({
    type: MailStatusResponse,
    description: 'How many emails wait or failed, the oldest waiting, the last sent',
  })
  status(@Ctx() ctx: RequestContext, @Query() query: CentreQueryDto): Promise<MailStatusResponse> {
    return this.admin.status(ctx, query);
  }
}
