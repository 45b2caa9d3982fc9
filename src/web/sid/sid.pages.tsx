import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles } from '../../access/policy.js';
import { Clock } from '../../common/clock.js';
import { localDate } from '../../common/dates.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { PartnersService } from '../../partners/partners.service.js';
import { SidYearParams } from '../../sid/dto/sid-campaign.dto.js';
import {
  CreateSidRoleDto,
  SidRoleQueryDto,
  UpdateSidRoleDto,
  type SidRoleResponse,
} from '../../sid/dto/sid-role.dto.js';
import { SID_FIRST_YEAR, SID_LAST_YEAR } from '../../sid/sid-calendar.js';
import { SidRolesService } from '../../sid/sid-roles.service.js';
import { SidService } from '../../sid/sid.service.js';
import { ErrorPage } from '../../ui/components/error-page.js';
import { renderFragment } from '../../ui/render.js';
import type { View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { campaignYear } from './campaign-year.js';
import {
  Board,
  CampaignPage,
  CampaignSection,
  roleLabelKey,
  statusLabelKey,
  type CampaignData,
  type InviteForm,
  type SwapNotice,
} from './sid-board.js';
import { notYetInvited, type PartnerChoice } from './sid-campaign.js';

/** The most a list route gives per page: the board reads every page. */
const PAGE_LIMIT = 100;
const MEMBERS = ['admin', 'manager', 'coordinator'] as const;

/**
 * The SID campaign (/sid, /sid/:year): partners invited, confirmed, delivered, declined, moved in place with htmx
 * (or by a plain post and a redirect), and last year's partners not yet invited. The same services and DTOs as the
 * SID API, with its roles.
 */
@WebController('sid')
export class SidPages {
  constructor(
    private readonly web: WebContext,
    private readonly sid: SidService,
    private readonly roles: SidRolesService,
    private readonly partners: PartnersService,
    private readonly clock: Clock,
  ) {}

  /** The campaign the centre is working on now. */
  @Get()
  @Roles(...MEMBERS)
  @Html()
  async current(@Ctx() ctx: RequestContext, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const view = await this.web.view(ctx, req, res);
    const year = await this.currentYear(ctx, view);
    const data = await this.campaign(ctx, view, year, year);
    return html(<CampaignPage view={view} data={data} />);
  }

  @Get(':year')
  @Roles(...MEMBERS)
  @Html()
  async year(
    @Ctx() ctx: RequestContext,
    @Param('year') rawYear: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.web.view(ctx, req, res);
    const year = await yearOf(rawYear);
    if (year === undefined) return badYear(view, res);
    const data = await this.campaign(ctx, view, year);
    return html(<CampaignPage view={view} data={data} />);
  }

  /** Invites a partner (a new role, invited): from the form or from last year's list. */
  @Post(':year/roles')
  @Roles(...MEMBERS)
  @Html()
  async invite(
    @Ctx() ctx: RequestContext,
    @Param('year') rawYear: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.web.view(ctx, req);
    const year = await yearOf(rawYear);
    if (year === undefined) return badYear(view, res);
    const values = { partnerId: text(body.partnerId), role: text(body.role) };
    const form = await readForm(CreateSidRoleDto, body, view.i18n);
    let invite: InviteForm | undefined;
    let created: SidRoleResponse | undefined;
    if (!form.ok) invite = { values, errors: form.errors };
    else {
      try {
        created = await this.roles.create(ctx, year, form.dto);
      } catch (error) {
        const errors = inviteErrors(error, view);
        if (!errors) throw error;
        invite = { values, errors };
      }
    }
    if (!created) res.status(400);
    if (!isHtmx(req)) {
      if (created) return redirect(res, year, 'sid.flash.invited');
      return html(<CampaignPage view={view} data={await this.campaign(ctx, view, year)} invite={invite} />);
    }
    const notice: SwapNotice | undefined = created
      ? {
          kind: 'success',
          text: view.i18n.t('sid.invited', {
            partner: created.partnerName,
            role: view.i18n.t(roleLabelKey(created.role)),
          }),
        }
      : undefined;
    const data = await this.campaign(ctx, view, year);
    return renderFragment(<CampaignSection view={view} data={data} invite={invite} notice={notice} />);
  }

  /** Moves a role to another status (the buttons of a card): answers the board with the card in its new column. */
  @Post(':year/roles/:roleId')
  @Roles(...MEMBERS)
  @Html()
  async move(
    @Ctx() ctx: RequestContext,
    @Param('year') rawYear: string,
    @Param('roleId') roleId: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.web.view(ctx, req);
    const year = await yearOf(rawYear);
    if (year === undefined) return badYear(view, res);
    const { t } = view.i18n;
    const form = await readForm(UpdateSidRoleDto, body, view.i18n);
    const status = form.ok ? form.dto.status : undefined;
    let moved: SidRoleResponse | undefined;
    if (status) {
      try {
        moved = await this.roles.update(ctx, year, roleId, { status });
      } catch (error) {
        if (!isRefusal(error)) throw error;
      }
    }
    if (!moved) res.status(status ? 409 : 400);
    if (!isHtmx(req))
      return redirect(res, year, moved ? 'sid.flash.moved' : 'sid.flash.refused', moved ? 'success' : 'error');
    const notice: SwapNotice = moved
      ? {
          kind: 'success',
          text: t('sid.moved', {
            partner: moved.partnerName,
            role: t(roleLabelKey(moved.role)),
            status: t(statusLabelKey(moved.status)),
          }),
        }
      : { kind: 'error', text: t('sid.refused') };
    const roles = await this.everyRole(ctx, year);
    return renderFragment(
      <Board
        view={view}
        year={year}
        roles={roles}
        timezone={view.centre!.timezone}
        notice={moved ? undefined : notice}
        focusRoleId={moved?.id}
      />,
    );
  }

  /** Removes a role that came to nothing (invited or declined). */
  @Post(':year/roles/:roleId/delete')
  @Roles(...MEMBERS)
  @Html()
  async remove(
    @Ctx() ctx: RequestContext,
    @Param('year') rawYear: string,
    @Param('roleId') roleId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.web.view(ctx, req);
    const year = await yearOf(rawYear);
    if (year === undefined) return badYear(view, res);
    let removed = true;
    try {
      await this.roles.remove(ctx, year, roleId);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      removed = false;
    }
    if (!removed) res.status(409);
    if (!isHtmx(req))
      return redirect(res, year, removed ? 'sid.flash.removed' : 'sid.flash.refused', removed ? 'success' : 'error');
    const notice: SwapNotice = removed
      ? { kind: 'success', text: view.i18n.t('sid.flash.removed') }
      : { kind: 'error', text: view.i18n.t('sid.refused') };
    const data = await this.campaign(ctx, view, year);
    return renderFragment(<CampaignSection view={view} data={data} notice={notice} />);
  }

  /** The campaign the centre works on as of its today: this year's until SID has passed, then next year's. */
  private async currentYear(ctx: RequestContext, view: View): Promise<number> {
    const today = localDate(this.clock.now(), view.centre!.timezone);
    const year = Number(today.slice(0, 4));
    return campaignYear(today, (await this.sid.get(ctx, year)).date);
  }

  private async campaign(ctx: RequestContext, view: View, year: number, current?: number): Promise<CampaignData> {
    const [campaign, roles, lastYearRoles, partners, currentYear] = await Promise.all([
      this.sid.get(ctx, year),
      this.everyRole(ctx, year),
      this.everyRole(ctx, year - 1),
      this.currentPartners(ctx),
      current ?? this.currentYear(ctx, view),
    ]);
    return {
      campaign,
      roles,
      lastYear: notYetInvited(lastYearRoles, roles, partners),
      hadLastYear: lastYearRoles.length > 0,
      partners,
      currentYear,
      timezone: view.centre!.timezone,
    };
  }

  /** Every role of a year, by partner name (the list route pages them by 100 at most). */
  private async everyRole(ctx: RequestContext, year: number): Promise<SidRoleResponse[]> {
    const all: SidRoleResponse[] = [];
    for (let page = 1; ; page++) {
      const query = Object.assign(new SidRoleQueryDto(), { page, limit: PAGE_LIMIT });
      const result = await this.roles.list(ctx, year, query);
      all.push(...result.items);
      if (result.items.length < PAGE_LIMIT || all.length >= result.total) return all;
    }
  }

  /** The centre's partners that are not archived, by name: whom the campaign can invite (one light query). */
  private async currentPartners(ctx: RequestContext): Promise<PartnerChoice[]> {
    return (await this.partners.choices(ctx)).map(({ id, name, status }) => ({ id, name, status }));
  }
}

/** The `:year` of the path, validated with the SID API's own parameter DTO; undefined when it is not a SID year. */
async function yearOf(raw: string): Promise<number | undefined> {
  const params = plainToInstance(SidYearParams, { year: raw });
  const errors = await validate(params);
  return errors.length === 0 ? params.year : undefined;
}

function badYear(view: View, res: Response): string {
  res.status(400);
  const { t } = view.i18n;
  return html(
    <ErrorPage
      view={view}
      title={t('common.errors.invalid.title')}
      body={t('sid.errors.badYear', { first: String(SID_FIRST_YEAR), last: String(SID_LAST_YEAR) })}
    />,
  );
}

function isHtmx(req: Request): boolean {
  return Boolean(req.header('hx-request'));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A move the workflow refuses, or a role gone meanwhile: the board shows it as it is now. */
function isRefusal(error: unknown): boolean {
  return error instanceof DomainError && (error.code === ErrorCode.Conflict || error.code === ErrorCode.NotFound);
}

/** Why an invitation was refused, next to its field: a partner gone meanwhile, archived, or already in that role. */
function inviteErrors(error: unknown, view: View) {
  if (error instanceof DomainError && error.code === ErrorCode.NotFound)
    return { partnerId: view.i18n.t('sid.invite.unknownPartner') };
  return domainFieldErrors(error, view.i18n);
}

function redirect(
  res: Response,
  year: number,
  key: 'sid.flash.invited' | 'sid.flash.moved' | 'sid.flash.refused' | 'sid.flash.removed',
  kind: 'success' | 'error' = 'success',
): void {
  setFlash(res, key, kind);
  res.redirect(303, `/sid/${year}`);
}
