import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { SignedIn } from '../../access/policy.js';
import type { UserResponse } from '../../auth/dto/user-response.dto.js';
import { Clock } from '../../common/clock.js';
import { localDate } from '../../common/dates.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { ReminderQueryDto, SnoozeDto, type ReminderResponse } from '../../reminders/dto/reminder.dto.js';
import { RemindersService } from '../../reminders/reminders.service.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import { renderFragment } from '../../ui/render.js';
import type { View } from '../../ui/view.js';
import { UserQueryDto } from '../../users/dto/user.dto.js';
import { UsersService } from '../../users/users.service.js';
import { safeNext, setFlash } from '../flash.js';
import { readForm } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { readReminderFilters, subjectOf } from './reminder-groups.js';
import { SettledRow, snoozeFormId, SnoozeForm } from './reminder-row.js';
import { RemindersPage, type Person } from './reminders.view.js';

const PAGE_SIZE = 20;
/** A centre's people for the person filter: enough pages of 100 for any centre we expect. */
const MAX_PEOPLE_PAGES = 10;

/**
 * Reminders (/reminders): mine by default; managers and admins see everyone's or one person's. Done and snooze
 * answer a fragment to htmx (the row becomes a notice) and a redirect back with a flash message to a plain form;
 * My week posts its rows here too.
 */
@WebController()
export class RemindersPages {
  constructor(
    private readonly web: WebContext,
    private readonly reminders: RemindersService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Get('reminders')
  @SignedIn()
  @Html()
  async list(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const view = await this.web.view(ctx, req, res);
    const me = view.user!;
    const seesEveryone = me.role !== 'coordinator';
    const filters = readReminderFilters(query, seesEveryone);
    const dto = Object.assign(new ReminderQueryDto(), {
      page: filters.page,
      limit: PAGE_SIZE,
      kind: filters.kind,
      state: filters.state,
      recipientId: filters.person === 'me' ? me.id : filters.person === 'all' ? undefined : filters.person,
    });
    const [page, people] = await Promise.all([
      this.reminders.list(ctx, dto),
      seesEveryone ? this.people(ctx) : Promise.resolve<Person[]>([]),
    ]);
    return html(
      <RemindersPage
        view={view}
        today={this.today(view)}
        filters={filters}
        page={page}
        people={people}
        filtered={Boolean(filters.kind || filters.state || filters.person !== 'me')}
      />,
    );
  }

  @Post('reminders/:id/done')
  @SignedIn()
  @HttpCode(200)
  @Html()
  async done(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    try {
      const reminder = await this.reminders.done(ctx, id);
      return this.settled(req, res, body, {
        id,
        text: view.i18n.t('reminders.notice.done', { subject: subjectName(view, reminder) }),
        flash: 'reminders.flash.done',
      });
    } catch (error) {
      return this.closedOr(error, view, req, res, body, id);
    }
  }

  @Post('reminders/:id/snooze')
  @SignedIn()
  @HttpCode(200)
  @Html()
  async snooze(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    const view = await this.web.view(ctx, req);
    const form = await readForm(SnoozeDto, body, view.i18n);
    try {
      if (!form.ok) return this.refusedSnooze(view, req, res, body, id);
      const reminder = await this.reminders.snooze(ctx, id, form.dto.until);
      return this.settled(req, res, body, {
        id,
        text: view.i18n.t('reminders.notice.snoozed', {
          date: view.i18n.date(reminder.snoozedUntil ?? form.dto.until),
          subject: subjectName(view, reminder),
        }),
        flash: 'reminders.flash.snoozed',
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Invalid)
        return this.refusedSnooze(view, req, res, body, id);
      return this.closedOr(error, view, req, res, body, id);
    }
  }

  /** Done or snoozed: the notice in place of the row (htmx), else back to the page with a flash message. */
  private settled(
    req: Request,
    res: Response,
    body: Record<string, unknown>,
    outcome: { id: string; text: string; flash: MessageKey; kind?: 'success' | 'error' },
  ): string | void {
    if (req.header('hx-request'))
      return renderFragment(<SettledRow id={outcome.id} text={outcome.text} kind={outcome.kind} />);
    setFlash(res, outcome.flash, outcome.kind);
    return res.redirect(303, safeNext(body._back));
  }

  /** A reminder done or cancelled meanwhile says so; any other error is the error page's. */
  private closedOr(
    error: unknown,
    view: View,
    req: Request,
    res: Response,
    body: Record<string, unknown>,
    id: string,
  ): string | void {
    if (!(error instanceof DomainError) || error.code !== ErrorCode.Conflict) throw error;
    if (req.header('hx-request')) res.status(409);
    return this.settled(req, res, body, {
      id,
      text: view.i18n.t('reminders.notice.closed'),
      flash: 'reminders.notice.closed',
      kind: 'error',
    });
  }

  /** A day that is not after today: the snooze form again with its error (htmx), else a flash message. */
  private refusedSnooze(
    view: View,
    req: Request,
    res: Response,
    body: Record<string, unknown>,
    id: string,
  ): string | void {
    if (!req.header('hx-request')) {
      setFlash(res, 'reminders.snooze.later', 'error');
      return res.redirect(303, safeNext(body._back));
    }
    res
      .status(400)
      .setHeader('HX-Retarget', `#${snoozeFormId(id)}`)
      .setHeader('HX-Reswap', 'outerHTML');
    return renderFragment(
      <SnoozeForm
        view={view}
        id={id}
        back={safeNext(body._back)}
        today={this.today(view)}
        value={typeof body.until === 'string' ? body.until : ''}
        error={view.i18n.t('reminders.snooze.later')}
      />,
    );
  }

  private today(view: View): string {
    return localDate(this.clock.now(), view.centre!.timezone);
  }

  /** Everyone in the centre, for the person filter and to name whom each reminder is for. */
  private async people(ctx: RequestContext): Promise<Person[]> {
    const people: UserResponse[] = [];
    for (let page = 1; page <= MAX_PEOPLE_PAGES; page++) {
      const batch = await this.users.list(ctx, Object.assign(new UserQueryDto(), { page, limit: 100 }));
      people.push(...batch.items);
      if (people.length >= batch.total) break;
    }
    return people.map((user) => ({ id: user.id, name: user.name, active: user.active }));
  }
}

function subjectName(view: View, reminder: ReminderResponse): string {
  return subjectOf(reminder).name ?? view.i18n.t('reminders.row.unknownSubject');
}
