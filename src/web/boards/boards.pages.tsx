import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles, SignedIn } from '../../access/policy.js';
import { BoardMeetingsService } from '../../boards/board-meetings.service.js';
import { BoardsService } from '../../boards/boards.service.js';
import { CreateMeetingDto } from '../../boards/dto/board-meeting.dto.js';
import { BoardQueryDto, CreateBoardDto } from '../../boards/dto/board.dto.js';
import type { RequestContext } from '../../common/request-context.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { html, Html, WebController } from '../web-page.js';
import { WebContext } from '../web-context.service.js';
import { BoardPage } from './board-page.js';
import { BoardPageLoader } from './board-page.loader.js';
import { BoardsListPage, type BoardFormValues } from './boards-list.js';
import { meetingBody, meetingErrors, meetingValues } from './meeting-form.js';

const BOARDS_PER_PAGE = 20;

/** Advisory boards (/advisory-boards, /advisory-boards/:id): the list, a board's page, recording a meeting. */
@WebController()
export class BoardsPages {
  constructor(
    private readonly web: WebContext,
    private readonly boards: BoardsService,
    private readonly meetings: BoardMeetingsService,
    private readonly boardPage: BoardPageLoader,
  ) {}

  @Get('advisory-boards')
  @SignedIn()
  @Html()
  async list(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('page') page: unknown,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    return this.listPage(ctx, view, pageNumber(page));
  }

  @Post('advisory-boards')
  @Roles('admin', 'manager')
  @Html()
  async create(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: FormBody,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    const form = await readForm(CreateBoardDto, body, view.i18n);
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        const board = await this.boards.create(ctx, form.dto);
        setFlash(res, 'boards.flash.created');
        return res.redirect(303, `/advisory-boards/${board.id}`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n, 'name');
        if (!errors) throw error;
      }
    }
    res.status(400);
    const values: BoardFormValues = {
      name: text(body.name),
      description: text(body.description),
      meetingCadenceDays: text(body.meetingCadenceDays),
    };
    return this.listPage(ctx, view, 1, values, errors);
  }

  private async listPage(
    ctx: RequestContext,
    view: View,
    page: number,
    values?: BoardFormValues,
    errors?: FieldErrors,
  ): Promise<string> {
    const query = Object.assign(new BoardQueryDto(), { page, limit: BOARDS_PER_PAGE, sort: 'name' });
    const boards = await this.boards.list(ctx, query);
    return html(<BoardsListPage view={view} page={boards} values={values} errors={errors} />);
  }

  @Get('advisory-boards/:id')
  @SignedIn()
  @Html()
  async show(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Query('page') page: unknown,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const data = await this.boardPage.load(ctx, id, pageNumber(page));
    return html(<BoardPage view={view} {...data} />);
  }

  /** Records a meeting: each attending partner gets an engagement of type board_meeting (the service does it). */
  @Post('advisory-boards/:id/meetings')
  @SignedIn()
  @Html()
  async recordMeeting(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    const values = meetingValues(body);
    const posted = meetingBody(values);
    const form = await readForm(CreateMeetingDto, posted.body, view.i18n, { extra: { attendees: posted.attendees } });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.meetings.record(ctx, id, form.dto);
        setFlash(res, 'boards.flash.meetingRecorded');
        return res.redirect(303, `/advisory-boards/${id}#meetings`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n, 'attendees');
        if (!errors) throw error;
      }
    }
    res.status(400);
    const data = await this.boardPage.load(ctx, id);
    return html(<BoardPage view={view} {...data} meetingForm={{ values, errors: meetingErrors(errors!) }} />);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A list's page from the URL: a positive whole number, else the first. */
export function pageNumber(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}
