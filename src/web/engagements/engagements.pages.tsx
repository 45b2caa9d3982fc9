import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { SignedIn } from '../../access/policy.js';
import { ForbiddenError } from '../../common/errors.js';
import type { Page } from '../../common/pagination.js';
import type { RequestContext } from '../../common/request-context.js';
import {
  EngagementQueryDto,
  UpdateEngagementDto,
  type EngagementResponse,
} from '../../engagements/dto/engagement.dto.js';
import { mayChangeEngagement } from '../../engagements/engagement-rights.js';
import { EngagementsService } from '../../engagements/engagements.service.js';
import { PartnersService } from '../../partners/partners.service.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { UsersService } from '../../users/users.service.js';
import { safeNext, setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { html, Html, WebController } from '../web-page.js';
import { WebContext } from '../web-context.service.js';
import { partnerChoices, partnerNames, userNames } from './directory.js';
import { editedBody, postedValues, valuesOf, type EngagementFormValues } from './engagement-form.js';
import { EngagementEditPage, EngagementsListPage, FILTER_NAMES, type EngagementFilters } from './engagement-views.js';

const LIST = '/engagements';

/** Contacts logged (/engagements): the list with filters; edit and delete (your own; managers and admins: any). */
@WebController()
export class EngagementsPages {
  constructor(
    private readonly web: WebContext,
    private readonly engagements: EngagementsService,
    private readonly partners: PartnersService,
    private readonly users: UsersService,
  ) {}

  @Get('engagements')
  @SignedIn()
  @Html()
  async list(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: FormBody,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const { page, errors } = await this.filtered(ctx, view, query);
    if (errors) res.status(400);
    const [partners, users] = await Promise.all([partnerChoices(this.partners, ctx), userNames(this.users, ctx)]);
    const filters = filtersOf(query);
    const wanted = [
      ...(page?.items.flatMap((e) => e.partnerIds) ?? []),
      ...(filters.partnerId ? [filters.partnerId] : []),
    ];
    const names = await partnerNames(this.partners, ctx, partners, errors?.partnerId ? [] : wanted);
    return html(
      <EngagementsListPage
        view={view}
        filters={filters}
        errors={errors}
        page={page}
        partners={partners}
        names={names}
        users={users}
      />,
    );
  }

  /** The page of engagements the URL's filters ask for, or the filters' errors (validated as the API's). */
  private async filtered(
    ctx: RequestContext,
    view: View,
    query: FormBody,
  ): Promise<{ page?: Page<EngagementResponse>; errors?: FieldErrors }> {
    const form = await readForm(EngagementQueryDto, query, view.i18n);
    if (!form.ok) return { errors: form.errors };
    try {
      return { page: await this.engagements.list(ctx, form.dto) };
    } catch (error) {
      const errors = domainFieldErrors(error, view.i18n);
      if (!errors) throw error;
      return { errors };
    }
  }

  @Get('engagements/:id/edit')
  @SignedIn()
  @Html()
  async edit(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Query('back') back: unknown,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const engagement = await this.changeable(ctx, id);
    return this.editPage(ctx, view, engagement, valuesOf(engagement, timeZoneOf(view)), backTo(back));
  }

  @Post('engagements/:id')
  @SignedIn()
  @Html()
  async save(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    const engagement = await this.changeable(ctx, id);
    const back = backTo(body._back);
    const edited = editedBody(body, engagement, timeZoneOf(view));
    const form = await readForm(UpdateEngagementDto, edited.body, view.i18n, {
      lists: edited.lists,
      extra: edited.extra,
    });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.engagements.update(ctx, id, form.dto);
        setFlash(res, 'engagements.flash.saved');
        return res.redirect(303, back);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n, 'summary');
        if (!errors) throw error;
      }
    }
    res.status(400);
    const values = postedValues(body, valuesOf(engagement, timeZoneOf(view)));
    return this.editPage(ctx, view, engagement, values, back, errors);
  }

  @Post('engagements/:id/delete')
  @SignedIn()
  async remove(
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.engagements.remove(ctx, id);
    setFlash(res, 'engagements.flash.deleted');
    res.redirect(303, backTo(body._back));
  }

  /** The engagement, if this user may change it: another coordinator's is a 403 page (the service refuses it too). */
  private async changeable(ctx: RequestContext, id: string): Promise<EngagementResponse> {
    const engagement = await this.engagements.get(ctx, id);
    if (!mayChangeEngagement(ctx.actor, engagement.loggedById))
      throw new ForbiddenError('A coordinator may edit and delete only the engagements they logged');
    return engagement;
  }

  private async editPage(
    ctx: RequestContext,
    view: View,
    engagement: EngagementResponse,
    values: EngagementFormValues,
    back: string,
    errors?: FieldErrors,
  ): Promise<string> {
    const [partners, users] = await Promise.all([partnerChoices(this.partners, ctx), userNames(this.users, ctx)]);
    const names = await partnerNames(this.partners, ctx, partners, engagement.partnerIds);
    const loggedBy = engagement.loggedById
      ? (users.find((u) => u.id === engagement.loggedById)?.name ?? '—')
      : view.i18n.t('engagements.loggedBy.nobody');
    return html(
      <EngagementEditPage
        view={view}
        engagement={engagement}
        values={values}
        errors={errors}
        partners={partners}
        names={names}
        loggedBy={loggedBy}
        back={back}
      />,
    );
  }
}

function filtersOf(query: FormBody): EngagementFilters {
  const value = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, value(name)])) as unknown as EngagementFilters;
}

function timeZoneOf(view: View): string {
  return view.centre?.timezone ?? 'UTC';
}

/** Where to go after saving or deleting: the list as it was, or another page of this site that sent us. */
function backTo(back: unknown): string {
  return typeof back === 'string' && back !== '' ? safeNext(back) : LIST;
}
