import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles } from '../../access/policy.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import type { CellError } from '../../common/problem.js';
import type { RequestContext } from '../../common/request-context.js';
import { PartnerImportQueryDto } from '../../imports/dto/partner-import.dto.js';
import { PartnerImportService } from '../../imports/partner-import.service.js';
import { setFlash } from '../flash.js';
import { readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { PartnerImportPage } from './partner-import.view.js';

const IMPORTERS = ['admin', 'manager'] as const;

/**
 * /partners/import: a CSV file of partners, checked (the API's dry run) and then imported, through the same service
 * and query DTO as POST /api/v1/import/partners. The multipart body is read before the guards (see
 * CsvUploadMiddleware), so the form's _csrf field is checked as on any other form.
 */
@WebController('partners/import')
export class PartnerImportPages {
  constructor(
    private readonly web: WebContext,
    private readonly imports: PartnerImportService,
  ) {}

  @Get()
  @Roles(...IMPORTERS)
  @Html()
  async form(@Ctx() ctx: RequestContext, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const view = await this.web.view(ctx, req, res);
    return html(<PartnerImportPage view={view} onMatch="skip" />);
  }

  /** "Check the file" answers the counts on the page; "Import" writes, then goes to the list with a flash. */
  @Post()
  @Roles(...IMPORTERS)
  @Html()
  async submit(
    @Ctx() ctx: RequestContext,
    @Body() body: FormBody,
    @Req() req: Request & { file?: { buffer: Buffer } },
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.web.view(ctx, req);
    const dryRun = body.step !== 'import';
    const form = await readForm(PartnerImportQueryDto, { onMatch: body.onMatch ?? 'skip' }, view.i18n, {
      extra: { dryRun },
    });
    const onMatch = form.ok ? form.dto.onMatch : 'skip';
    const page = (status: number, props: Omit<Parameters<typeof PartnerImportPage>[0], 'view' | 'onMatch'>) => {
      res.status(status);
      return html(<PartnerImportPage view={view} onMatch={onMatch} {...props} />);
    };
    if (!form.ok) return page(400, { errors: form.errors });
    if (!req.file) return page(400, { errors: { file: view.i18n.t('partners.import.noFile') } });
    try {
      const report = await this.imports.importPartners(ctx, req.file.buffer, form.dto);
      if (dryRun) return page(200, { outcome: { report } });
      setFlash(res, 'partners.flash.imported');
      return res.redirect(303, '/partners');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.Unprocessable) throw error;
      const problems: CellError[] = error.details.cells ?? [];
      return page(400, { outcome: { problems, refusal: error.message } });
    }
  }
}
