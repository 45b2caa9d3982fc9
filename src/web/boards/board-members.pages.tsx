import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles } from '../../access/policy.js';
import { BoardMembersService } from '../../boards/board-members.service.js';
import { BoardsService } from '../../boards/boards.service.js';
import {
  CreateMemberDto,
  MemberQueryDto,
  UpdateMemberDto,
  type MemberResponse,
} from '../../boards/dto/board-member.dto.js';
import { Clock } from '../../common/clock.js';
import { localDate } from '../../common/dates.js';
import { NotFoundError } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import type { FieldErrors, View } from '../../ui/view.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { html, Html, WebController } from '../web-page.js';
import { WebContext } from '../web-context.service.js';
import { BoardPage } from './board-page.js';
import { BoardPageLoader } from './board-page.loader.js';
import { MemberEditPage, type MemberFormValues } from './member-views.js';

/** Seats on a board: add, edit, end a term, remove (managers and admins, as the API allows). */
@WebController()
export class BoardMembersPages {
  constructor(
    private readonly web: WebContext,
    private readonly boards: BoardsService,
    private readonly members: BoardMembersService,
    private readonly boardPage: BoardPageLoader,
    private readonly clock: Clock,
  ) {}

  @Post('advisory-boards/:id/members')
  @Roles('admin', 'manager')
  @Html()
  async add(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') boardId: string,
    @Body() body: FormBody,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    const form = await readForm(CreateMemberDto, body, view.i18n);
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.members.create(ctx, boardId, form.dto);
        setFlash(res, 'boards.flash.memberAdded');
        return res.redirect(303, `/advisory-boards/${boardId}#members`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n, 'partnerId');
        if (!errors) throw error;
      }
    }
    res.status(400);
    const data = await this.boardPage.load(ctx, boardId);
    return html(<BoardPage view={view} {...data} memberForm={{ values: memberValues(body), errors }} />);
  }

  @Get('advisory-boards/:id/members/:memberId/edit')
  @Roles('admin', 'manager')
  @Html()
  async edit(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') boardId: string,
    @Param('memberId') memberId: string,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const member = await this.member(ctx, boardId, memberId);
    return this.editPage(ctx, view, boardId, member, {
      partnerId: member.partnerId,
      role: member.role,
      termStart: member.termStart,
      termEnd: member.termEnd ?? '',
    });
  }

  @Post('advisory-boards/:id/members/:memberId')
  @Roles('admin', 'manager')
  @Html()
  async save(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') boardId: string,
    @Param('memberId') memberId: string,
    @Body() body: FormBody,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    // An emptied end date makes the term open-ended (null), as in the API.
    const openEnded = 'termEnd' in body && text(body.termEnd).trim() === '';
    const form = await readForm(UpdateMemberDto, body, view.i18n, { extra: openEnded ? { termEnd: null } : {} });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.members.update(ctx, boardId, memberId, form.dto);
        setFlash(res, 'boards.flash.memberSaved');
        return res.redirect(303, `/advisory-boards/${boardId}#members`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n, 'role');
        if (!errors) throw error;
      }
    }
    res.status(400);
    const member = await this.member(ctx, boardId, memberId);
    return this.editPage(ctx, view, boardId, member, { ...memberValues(body), partnerId: member.partnerId }, errors);
  }

  /** Ends the term today, in the centre's calendar: the seat stays in the board's history. */
  @Post('advisory-boards/:id/members/:memberId/end')
  @Roles('admin', 'manager')
  async end(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') boardId: string,
    @Param('memberId') memberId: string,
  ): Promise<void> {
    const view = await this.web.view(ctx, req);
    const today = localDate(this.clock.now(), view.centre?.timezone ?? 'UTC');
    await this.members.update(ctx, boardId, memberId, Object.assign(new UpdateMemberDto(), { termEnd: today }));
    setFlash(res, 'boards.flash.memberEnded');
    res.redirect(303, `/advisory-boards/${boardId}#members`);
  }

  @Post('advisory-boards/:id/members/:memberId/delete')
  @Roles('admin', 'manager')
  async remove(
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
    @Param('id') boardId: string,
    @Param('memberId') memberId: string,
  ): Promise<void> {
    await this.members.remove(ctx, boardId, memberId);
    setFlash(res, 'boards.flash.memberRemoved');
    res.redirect(303, `/advisory-boards/${boardId}#members`);
  }

  /** The seat `memberId` of this board (the services have no single-seat read: the board's seats hold it). */
  private async member(ctx: RequestContext, boardId: string, memberId: string): Promise<MemberResponse> {
    for (let page = 1; page <= 5; page += 1) {
      const query = Object.assign(new MemberQueryDto(), { page, limit: 100 });
      const found = await this.members.list(ctx, boardId, query);
      const member = found.items.find((m) => m.id === memberId);
      if (member) return member;
      if (page * 100 >= found.total) break;
    }
    throw new NotFoundError('Board member');
  }

  private async editPage(
    ctx: RequestContext,
    view: View,
    boardId: string,
    member: MemberResponse,
    values: MemberFormValues,
    errors?: FieldErrors,
  ): Promise<string> {
    const board = await this.boards.get(ctx, boardId);
    return html(<MemberEditPage view={view} board={board} member={member} values={values} errors={errors} />);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function memberValues(body: FormBody): MemberFormValues {
  return {
    partnerId: text(body.partnerId),
    role: text(body.role),
    termStart: text(body.termStart),
    termEnd: text(body.termEnd),
  };
}
