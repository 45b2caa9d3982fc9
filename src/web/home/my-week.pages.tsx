import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { SignedIn } from '../../access/policy.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { CreateEngagementDto } from '../../engagements/dto/engagement.dto.js';
import { EngagementsService } from '../../engagements/engagements.service.js';
import { renderFragment } from '../../ui/render.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { MyWeekData } from './my-week.data.js';
import { MyWeekPage, QUICK_LOG_PATH, type LogValues } from './my-week.view.js';
import { PartnerSelect, PICKER_PATH, PickerStatus } from './partner-picker.js';

/** My week (/): the signed-in user's reminders, partners due soon and a quick log-a-contact form. */
@WebController()
export class MyWeekPages {
  constructor(
    private readonly web: WebContext,
    private readonly week: MyWeekData,
    private readonly engagements: EngagementsService,
  ) {}

  @Get()
  @SignedIn()
  @Html()
  async show(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('q') q: unknown,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const week = await this.week.load(ctx, view.centre!.timezone, { query: text(q) });
    return html(<MyWeekPage view={view} week={week} />);
  }

  /** The search-as-you-type of the log form: the partner list narrowed to the matches, and their count in words. */
  @Get(PICKER_PATH.slice(1))
  @SignedIn()
  @Html()
  async partnerOptions(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Query('q') q: unknown,
    @Query('partnerIds') selected: unknown,
  ): Promise<string> {
    const view = await this.web.view(ctx, req);
    const picker = await this.week.picker(ctx, text(q), text(selected) || undefined);
    return renderFragment(
      <>
        <PartnerSelect view={view} picker={picker} />
        <PickerStatus view={view} picker={picker} oob />
      </>,
    );
  }

  /** Logs a contact with the same DTO and service method as POST /api/v1/engagements (a follow-up date included). */
  @Post(QUICK_LOG_PATH.slice(1))
  @SignedIn()
  @Html()
  async log(
    @Ctx() ctx: RequestContext,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    const form = await readForm(CreateEngagementDto, body, view.i18n, { lists: ['partnerIds'] });
    if (!form.ok) return this.again(ctx, view, res, body, form.errors);
    try {
      await this.engagements.create(ctx, form.dto);
    } catch (error) {
      const errors = refusal(error, view);
      if (!errors) throw error;
      return this.again(ctx, view, res, body, errors);
    }
    setFlash(res, 'home.log.saved');
    return res.redirect(303, '/');
  }

  /** The page again with the form as typed and each error next to its field; nothing was written. */
  private async again(
    ctx: RequestContext,
    view: View,
    res: Response,
    body: Record<string, unknown>,
    errors: FieldErrors,
  ): Promise<string> {
    const selected = text(Array.isArray(body.partnerIds) ? body.partnerIds[0] : body.partnerIds) || undefined;
    const week = await this.week.load(ctx, view.centre!.timezone, { selected, keepSelected: true });
    const values: LogValues = {
      type: text(body.type),
      occurredAt: text(body.occurredAt),
      summary: text(body.summary),
      followUpAt: text(body.followUpAt),
    };
    res.status(400);
    return html(<MyWeekPage view={view} week={week} values={values} errors={errors} />);
  }
}

/** The service's refusal as field errors: its own (dates), or a partner gone from the centre meanwhile. */
function refusal(error: unknown, view: View): FieldErrors | undefined {
  if (error instanceof DomainError && error.code === ErrorCode.NotFound)
    return { partnerIds: view.i18n.t('home.log.partnerGone') };
  return domainFieldErrors(error, view.i18n, 'partnerIds');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
