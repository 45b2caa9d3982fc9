import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles } from '../../access/policy.js';
import type { RequestContext } from '../../common/request-context.js';
import { MergePartnerDto } from '../../partner-merge/dto/partner-merge.dto.js';
import { PartnerMergeService } from '../../partner-merge/partner-merge.service.js';
import { PartnersService } from '../../partners/partners.service.js';
import type { FieldErrors } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { DuplicatesPage, mergeFieldsOf } from './duplicates.view.js';

const MEMBERS = ['admin', 'manager', 'coordinator'] as const;
const MERGERS = ['admin', 'manager'] as const;

/**
 * Duplicate partners (/partners/duplicates): the pairs, and the merge of one pair through the same service and DTO
 * as POST /api/v1/partners/:id/merge. Registered before PartnersPages, whose /partners/:id would take the path.
 */
@WebController('partners/duplicates')
export class DuplicatesPages {
  constructor(
    private readonly web: WebContext,
    private readonly partners: PartnersService,
    private readonly merges: PartnerMergeService,
  ) {}

  @Get()
  @Roles(...MEMBERS)
  @Html()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const [view, pairs] = await Promise.all([this.web.view(ctx, req, res), this.partners.duplicates(ctx)]);
    return html(<DuplicatesPage view={view} pairs={pairs} mayMerge={mayMerge(ctx)} />);
  }

  /** The pair's survivor is chosen by a radio button; the other partner is merged into it. */
  @Post('merge')
  @Roles(...MERGERS)
  @Html()
  async merge(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.web.view(ctx, req);
    const { t } = view.i18n;
    const [a, b] = [text(body.a), text(body.b)];
    const fields = mergeFieldsOf(a, b);
    const survivor = text(body[fields.survivor]);
    const confirmed = body[fields.confirm] === 'on';
    let errors: FieldErrors = {};
    if (!survivor || (survivor !== a && survivor !== b)) errors[fields.survivor] = t('duplicates.error.survivor');
    if (!confirmed) errors[fields.confirm] = t('duplicates.error.confirm');
    if (Object.keys(errors).length === 0) {
      const form = await readForm(MergePartnerDto, { intoId: survivor }, view.i18n);
      if (!form.ok) errors = { [fields.survivor]: Object.values(form.errors)[0]! };
      else {
        try {
          await this.merges.merge(ctx, survivor === a ? b : a, form.dto);
          setFlash(res, 'duplicates.flash.merged');
          return res.redirect(303, `/partners/${survivor}`);
        } catch (error) {
          const refused = domainFieldErrors(error, view.i18n);
          if (!refused) throw error;
          // The service names intoId or id; on this form both are the choice of the survivor.
          errors = { [fields.survivor]: Object.values(refused)[0]! };
        }
      }
    }
    res.status(400);
    const pairs = await this.partners.duplicates(ctx);
    const values = { [fields.survivor]: survivor, [fields.confirm]: confirmed ? 'on' : '' };
    return html(<DuplicatesPage view={view} pairs={pairs} mayMerge values={values} errors={errors} />);
  }
}

function mayMerge(ctx: RequestContext): boolean {
  return !!ctx.actor && (MERGERS as readonly string[]).includes(ctx.actor.role);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
