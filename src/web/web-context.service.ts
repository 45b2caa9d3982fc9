import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../access/ctx.decorator.js';
import { AccountService } from '../auth/account.service.js';
import type { RequestContext } from '../common/request-context.js';
import { chooseLocale, LOCALES, translator } from '../ui/i18n/translator.js';
import type { View } from '../ui/view.js';
import { takeFlash } from './flash.js';

/** Builds each page's View: who is signed in, their centre, their language, the CSRF token, the flash message. */
@Injectable()
export class WebContext {
  constructor(private readonly account: AccountService) {}

  /** The browser's best shipped language (Accept-Language), if one matches. */
  static browserLocale(req: Request): string | undefined {
    return req.acceptsLanguages(...LOCALES) || undefined;
  }

  /** For a signed-in page: reads the user and the centre in one short transaction. */
  async view(ctx: RequestContext, req: Request, res?: Response): Promise<View> {
    if (!ctx.actor) return this.anonymous(req, res);
    const me = await this.account.me(ctx, true);
    const locale = chooseLocale({
      user: me.user.locale,
      browser: WebContext.browserLocale(req),
      centre: me.centre.locale,
    });
    return {
      i18n: translator(locale),
      path: req.originalUrl,
      csrfToken: me.csrfToken,
      user: { id: me.user.id, name: me.user.name, role: me.user.role, networkAdmin: me.user.networkAdmin },
      centre: { id: me.centre.id, name: me.centre.name, timezone: me.centre.timezone },
      flash: takeFlash(req, res),
    };
  }

  /** For a page anyone may open (sign-in, forgotten password): the browser's language, else English. */
  anonymous(req: Request, res?: Response): View {
    return {
      i18n: translator(chooseLocale({ browser: WebContext.browserLocale(req) })),
      path: req.originalUrl,
      flash: takeFlash(req, res),
    };
  }

  /** The view of a request whatever happened to it (for error pages): anonymous when the user cannot be read. */
  async bestEffort(req: AuthenticatedRequest, res?: Response): Promise<View> {
    const ctx = req.keepwarm?.ctx;
    if (!ctx?.actor) return this.anonymous(req, res);
    try {
      return await this.view(ctx, req, res);
    } catch {
      return this.anonymous(req, res);
    }
  }
}
