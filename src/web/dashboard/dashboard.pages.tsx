import { Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { NetworkAdminOnly, Roles } from '../../access/policy.js';
import type { RequestContext } from '../../common/request-context.js';
import { DashboardService } from '../../dashboard/dashboard.service.js';
import {
  DashboardQueryDto,
  NetworkDashboardQueryDto,
  type DashboardResponse,
} from '../../dashboard/dto/dashboard.dto.js';
import { UserQueryDto } from '../../users/dto/user.dto.js';
import { UsersService } from '../../users/users.service.js';
import type { Option } from '../../ui/components/form.js';
import type { View } from '../../ui/view.js';
import { readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { DashboardPage } from './dashboard-view.js';
import { NetworkPage } from './network-view.js';

/** Users a manager's owner picker lists at most (the users route's page size). */
const USERS_LIMIT = 100;

/**
 * The dashboard (/dashboard, every member) and the network roll-up (/network, network admins): the same service,
 * query DTOs and policies as GET /api/v1/dashboard and GET /api/v1/network/dashboard.
 */
@WebController()
export class DashboardPages {
  constructor(
    private readonly web: WebContext,
    private readonly dashboards: DashboardService,
    private readonly users: UsersService,
  ) {}

  @Get('dashboard')
  @Roles('admin', 'manager', 'coordinator')
  @Html()
  async dashboard(
    @Ctx() ctx: RequestContext,
    @Query() query: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const filters = { asOf: text(query.asOf), ownerId: text(query.ownerId) };
    const form = await readForm(DashboardQueryDto, query, view.i18n);
    if (!form.ok) {
      res.status(400);
      const owners = await this.owners(ctx, view);
      return html(<DashboardPage view={view} filters={{ ...filters, errors: form.errors }} owners={owners} />);
    }
    const data = await this.dashboards.centre(ctx, form.dto);
    const owners = await this.owners(ctx, view, data, form.dto.ownerId);
    return html(<DashboardPage view={view} filters={filters} owners={owners} data={data} />);
  }

  @Get('network')
  @NetworkAdminOnly()
  @Html()
  async network(
    @Ctx() ctx: RequestContext,
    @Query() query: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const filters = { asOf: text(query.asOf) };
    const form = await readForm(NetworkDashboardQueryDto, query, view.i18n);
    if (!form.ok) {
      res.status(400);
      return html(<NetworkPage view={view} filters={{ ...filters, errors: form.errors }} />);
    }
    const data = await this.dashboards.network(ctx, form.dto);
    return html(<NetworkPage view={view} filters={filters} data={data} />);
  }

  /**
   * Whom the owner picker offers: the reader, the partners' owners the dashboard names (as the API does to every
   * member), and for managers and admins every active user (what GET /api/v1/users shows them); by name.
   */
  private async owners(ctx: RequestContext, view: View, data?: DashboardResponse, chosen?: string): Promise<Option[]> {
    const names = new Map<string, string>();
    if (view.user) names.set(view.user.id, view.user.name);
    for (const row of data?.compliance ?? []) names.set(row.userId, row.name);
    if (view.user?.role === 'admin' || view.user?.role === 'manager') {
      const query = Object.assign(new UserQueryDto(), { active: true, limit: USERS_LIMIT });
      for (const user of (await this.users.list(ctx, query)).items) names.set(user.id, user.name);
    }
    if (chosen && !names.has(chosen)) names.set(chosen, view.i18n.t('dashboard.pickers.unknownOwner'));
    return [...names]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, view.i18n.locale));
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
