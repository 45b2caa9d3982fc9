import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles } from '../../access/policy.js';
import type { RequestContext } from '../../common/request-context.js';
import { CreateEngagementDto } from '../../engagements/dto/engagement.dto.js';
import { EngagementsService } from '../../engagements/engagements.service.js';
import { UpdatePartnerDto } from '../../partners/dto/partner.dto.js';
import { PartnersService } from '../../partners/partners.service.js';
import { renderFragment } from '../../ui/render.js';
import type { View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import type { FormState } from './contacts.view.js';
import { freshLog } from './log-contact.view.js';
import { readNewPartner, readPartnerEdit, readPartnerQuery, textValues } from './partner-forms.js';
import { PartnerFormPage, partnerValues } from './partner-form.view.js';
import { FILTER_NAMES, PartnerListPage } from './partner-list.view.js';
import { CentreFactsReader, PartnerProfileReader } from './partner-page.data.js';
import { PartnerPage } from './partner-page.view.js';
import { TimelineItems } from './timeline.view.js';

const MEMBERS = ['admin', 'manager', 'coordinator'] as const;
/** The query names the list understands; anything else in the URL (a tracking parameter) is ignored. */
const LIST_QUERY = [...FILTER_NAMES, 'sort', 'page', 'limit'];

/** Partners (/partners, /partners/:id): list, create, edit, archive, the partner's page with its timeline and log form. */
@WebController('partners')
export class PartnersPages {
  constructor(
    private readonly web: WebContext,
    private readonly partners: PartnersService,
    private readonly engagements: EngagementsService,
    private readonly facts: CentreFactsReader,
    private readonly profiles: PartnerProfileReader,
  ) {}

  @Get()
  @Roles(...MEMBERS)
  @Html()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const [view, facts] = await Promise.all([this.web.view(ctx, req, res), this.facts.read(ctx)]);
    const values = textValues(req.query as FormBody, LIST_QUERY);
    const query = await readPartnerQuery(values, view.i18n);
    if (!query.ok) {
      res.status(400);
      return html(<PartnerListPage view={view} facts={facts} values={values} errors={query.errors} />);
    }
    const page = await this.partners.list(ctx, query.dto);
    return html(<PartnerListPage view={view} facts={facts} values={values} page={page} />);
  }

  @Get('new')
  @Roles(...MEMBERS)
  @Html()
  async newForm(@Ctx() ctx: RequestContext, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const [view, facts] = await Promise.all([this.web.view(ctx, req, res), this.facts.read(ctx)]);
    const values = { tier: 'regular', status: 'active', ownerId: view.user?.id ?? '' };
    return html(<PartnerFormPage view={view} facts={facts} values={values} />);
  }

  @Post()
  @Roles(...MEMBERS)
  @Html()
  async create(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.web.view(ctx, req);
    const form = await readNewPartner(body, view.i18n);
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        const partner = await this.partners.create(ctx, form.dto);
        setFlash(res, 'partners.flash.created');
        return res.redirect(303, `/partners/${partner.id}`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n);
        if (!errors) throw error;
      }
    }
    res.status(400);
    const facts = await this.facts.read(ctx);
    return html(<PartnerFormPage view={view} facts={facts} values={textValues(body)} errors={errors} />);
  }

  @Get(':id')
  @Roles(...MEMBERS)
  @Html()
  async show(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Query('before') before: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const cursor = typeof before === 'string' && before ? before : undefined;
    const profile = await this.profiles.read(ctx, id, cursor);
    const view = await this.web.view(ctx, req, res);
    return html(
      <PartnerPage view={view} profile={profile} before={cursor} log={{ values: freshLog(profile.facts.today) }} />,
    );
  }

  /** "Load more" of the timeline: the next items for htmx to append; without htmx, the partner's page at that point. */
  @Get(':id/timeline')
  @Roles(...MEMBERS)
  @Html()
  async timeline(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Query('before') before: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const cursor = typeof before === 'string' && before ? before : undefined;
    if (!req.header('hx-request')) {
      return res.redirect(
        303,
        `/partners/${encodeURIComponent(id)}${cursor ? `?before=${encodeURIComponent(cursor)}` : ''}#timeline`,
      );
    }
    const [timeline, facts, view] = await Promise.all([
      this.profiles.timeline(ctx, id, cursor),
      this.facts.read(ctx),
      this.web.view(ctx, req, res),
    ]);
    const names = new Map(facts.colleagues.map((c) => [c.id, c.name]));
    return renderFragment(<TimelineItems view={view} partnerId={id} timeline={timeline} names={names} />);
  }

  @Get(':id/edit')
  @Roles(...MEMBERS)
  @Html()
  async editForm(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const partner = await this.partners.get(ctx, id);
    const [view, facts] = await Promise.all([this.web.view(ctx, req, res), this.facts.read(ctx)]);
    return html(<PartnerFormPage view={view} facts={facts} partner={partner} values={partnerValues(partner)} />);
  }

  @Post(':id')
  @Roles(...MEMBERS)
  @Html()
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const current = await this.partners.get(ctx, id);
    const view = await this.web.view(ctx, req);
    const form = await readPartnerEdit(body, view.i18n);
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      // An owner who has since left stays until someone picks another: the service only checks a changed owner.
      if (form.dto.ownerId === current.ownerId) delete form.dto.ownerId;
      try {
        await this.partners.update(ctx, id, form.dto);
        setFlash(res, 'common.flash.saved');
        return res.redirect(303, `/partners/${current.id}`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n);
        if (!errors) throw error;
      }
    }
    res.status(400);
    const facts = await this.facts.read(ctx);
    return html(
      <PartnerFormPage view={view} facts={facts} partner={current} values={textValues(body)} errors={errors} />,
    );
  }

  @Post(':id/archive')
  @Roles(...MEMBERS)
  async archive(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const partner = await this.partners.archive(ctx, id);
    setFlash(res, 'partners.flash.archived');
    res.redirect(303, `/partners/${partner.id}`);
  }

  @Post(':id/restore')
  @Roles(...MEMBERS)
  async restore(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const partner = await this.partners.update(ctx, id, Object.assign(new UpdatePartnerDto(), { archived: false }));
    setFlash(res, 'partners.flash.restored');
    res.redirect(303, `/partners/${partner.id}`);
  }

  /** Log a contact: the API's CreateEngagementDto with this partner, and the same service. */
  @Post(':id/engagements')
  @Roles(...MEMBERS)
  @Html()
  async log(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const partner = await this.partners.get(ctx, id);
    const view = await this.web.view(ctx, req);
    const form = await readForm(CreateEngagementDto, body, view.i18n, {
      lists: ['contactIds'],
      extra: { partnerIds: [partner.id] },
    });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.engagements.create(ctx, form.dto);
        setFlash(res, 'partners.flash.logged');
        return res.redirect(303, `/partners/${partner.id}`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n);
        if (!errors) throw error;
      }
    }
    return refusedPartnerPage(this.profiles, ctx, res, view, partner.id, { log: { values: textValues(body), errors } });
  }
}

/** The partner's page again, with a refused form's values and errors, and status 400. Nothing was written. */
export async function refusedPartnerPage(
  profiles: PartnerProfileReader,
  ctx: RequestContext,
  res: Response,
  view: View,
  id: string,
  forms: { log?: FormState; adding?: FormState },
): Promise<string> {
  const profile = await profiles.read(ctx, id);
  res.status(400);
  return html(
    <PartnerPage
      view={view}
      profile={profile}
      log={forms.log ?? { values: freshLog(profile.facts.today) }}
      adding={forms.adding}
    />,
  );
}
