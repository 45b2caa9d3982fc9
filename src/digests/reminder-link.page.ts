import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/policy.js';
import { DomainError, ErrorCode } from '../common/errors.js';
import { statusOf } from '../common/problem.filter.js';
import { requestScope } from '../common/request-context.js';
import { KIND_NAMES } from '../reminders/reminder-kinds.js';
import { formatDate } from './digest-render.js';
import { alert, escapeHtml, page, status } from '../common/html-page.js';
import { ReminderLinkService, type LinkedReminder, type LinkRefusal } from './reminder-link.service.js';

/**
 * `/r/<token>`: the "Mark done" and "Snooze a week" links of a digest. GET shows the reminder and a form and
 * changes nothing (mail scanners open links); the form's POST does it.
 */
@ApiExcludeController()
@Controller('r')
@Public() // the signed token in the path is the credential; public routes skip the session CSRF check
export class ReminderLinkPage {
  constructor(private readonly links: ReminderLinkService) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Robots-Tag', 'noindex')
  async show(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const linked = await this.links.open(token, requestScope.current()?.requestId);
    if (linked.refused) return refusal(res, linked);
    return page(
      linked.action === 'done' ? 'Mark this reminder done?' : 'Snooze this reminder?',
      describe(linked) + form(linked),
    );
  }

  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async submit(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const until = typeof body?.until === 'string' ? body.until : undefined;
    let linked: LinkRefusal | LinkedReminder;
    try {
      linked = await this.links.perform(token, requestScope.current()?.requestId, until);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(statusOf(error.code));
      const retry =
        error.code === ErrorCode.Invalid ? await this.links.open(token, requestScope.current()?.requestId) : undefined;
      if (retry && !retry.refused)
        return page('Snooze this reminder?', alert(error.message) + describe(retry) + form(retry, until));
      return page('This reminder cannot be changed', alert(error.message));
    }
    if (linked.refused) return refusal(res, linked);
    const done = linked.state === 'done';
    return page(
      done ? 'Reminder done' : 'Reminder snoozed',
      status(
        done
          ? 'Marked done. Thank you!'
          : `Snoozed until ${formatDate(linked.snoozedUntil ?? '', linked.locale)}; it comes back then.`,
      ) + describe(linked),
    );
  }
}

function refusal(res: Response, linked: LinkRefusal): string {
  res.status(linked.status);
  return page('This link cannot be used', alert(linked.message));
}

function describe(r: LinkedReminder): string {
  const state =
    r.state === 'done'
      ? 'It is done.'
      : r.state === 'cancelled'
        ? 'It was cancelled.'
        : r.state === 'snoozed' && r.snoozedUntil
          ? `It is snoozed until ${formatDate(r.snoozedUntil, r.locale)}.`
          : '';
  return `<p><strong>${escapeHtml(KIND_NAMES[r.kind].label)}</strong>: ${escapeHtml(r.subjectName)}, due ${escapeHtml(formatDate(r.dueDate, r.locale))}. ${escapeHtml(state)}</p>`;
}

/** No form when there is nothing left to do. The form posts back to this page's own URL. */
function form(r: LinkedReminder, until?: string): string {
  if (r.state === 'done' || r.state === 'cancelled') return '';
  if (r.action === 'done') return `<form method="post"><p><button type="submit">Mark done</button></p></form>`;
  return `<form method="post">
  <p><label for="until">Snooze until</label><br>
  <input id="until" name="until" type="date" value="${escapeHtml(until ?? r.defaultUntil)}" required></p>
  <p><button type="submit">Snooze</button></p>
</form>`;
}
