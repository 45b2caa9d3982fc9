import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../../access/ctx.decorator.js';
import { Roles } from '../../access/policy.js';
import { NotFoundError } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { ContactPrivacyService } from '../../contacts/contact-privacy.service.js';
import { ContactsService } from '../../contacts/contacts.service.js';
import { CreateContactDto, UpdateContactDto, type ContactResponse } from '../../contacts/dto/contact.dto.js';
import { PartnersService } from '../../partners/partners.service.js';
import type { MessageKey } from '../../ui/i18n/catalogue.js';
import { renderFragment } from '../../ui/render.js';
import { setFlash } from '../flash.js';
import { domainFieldErrors, readForm, type FormBody } from '../forms.js';
import { WebContext } from '../web-context.service.js';
import { html, Html, WebController } from '../web-page.js';
import { ContactFormPage, ContactsSection, contactValues } from './contacts.view.js';
import { textValues } from './partner-forms.js';
import { PartnerProfileReader } from './partner-page.data.js';
import { refusedPartnerPage } from './partners.pages.js';

const MEMBERS = ['admin', 'manager', 'coordinator'] as const;
/** Optional fields a person may empty on the edit form: blank means "none" (null), not "unchanged". */
const CLEARABLE = ['email', 'phone', 'jobTitle', 'consentDate'] as const;

/** Checkboxes send nothing when unticked: on a form that shows them, that means false. */
function ticks(body: FormBody): { primary: boolean; doNotContact: boolean } {
  return { primary: body.primary === 'on', doNotContact: body.doNotContact === 'on' };
}

/** A partner's contacts (/partners/:id/contacts…): add, edit, make primary, do-not-contact; the contacts API's services and DTOs. */
@WebController('partners/:id/contacts')
export class ContactsPages {
  constructor(
    private readonly web: WebContext,
    private readonly partners: PartnersService,
    private readonly contacts: ContactsService,
    private readonly privacy: ContactPrivacyService,
    private readonly profiles: PartnerProfileReader,
  ) {}

  /** Erases the person's data (GDPR), through the same service as POST /api/v1/contacts/:id/erase. */
  @Post(':contactId/erase')
  @Roles('admin')
  @Html()
  async erase(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Param('contactId') contactId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { partner, contact } = await this.contactOf(ctx, id, contactId);
    await this.privacy.erase(ctx, contact.id);
    setFlash(res, 'partners.flash.contactErased');
    return res.redirect(303, `/partners/${partner.id}#contacts`);
  }

  @Post()
  @Roles(...MEMBERS)
  @Html()
  async add(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const partner = await this.partners.get(ctx, id);
    const view = await this.web.view(ctx, req);
    const form = await readForm(CreateContactDto, body, view.i18n, { extra: ticks(body) });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.contacts.create(ctx, partner.id, form.dto);
        setFlash(res, 'partners.flash.contactAdded');
        return res.redirect(303, `/partners/${partner.id}#contacts`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n);
        if (!errors) throw error;
      }
    }
    return refusedPartnerPage(this.profiles, ctx, res, view, partner.id, {
      adding: { values: textValues(body), errors },
    });
  }

  @Get(':contactId/edit')
  @Roles(...MEMBERS)
  @Html()
  async editForm(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Param('contactId') contactId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { partner, contact } = await this.contactOf(ctx, id, contactId);
    const view = await this.web.view(ctx, req, res);
    return html(<ContactFormPage view={view} partner={partner} contact={contact} values={contactValues(contact)} />);
  }

  @Post(':contactId')
  @Roles(...MEMBERS)
  @Html()
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Param('contactId') contactId: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { partner, contact } = await this.contactOf(ctx, id, contactId);
    const view = await this.web.view(ctx, req);
    const text = textValues(body);
    const extra: Record<string, unknown> = { ...ticks(body) };
    for (const name of CLEARABLE) if (!text[name]?.trim()) extra[name] = null;
    if (!text.name?.trim()) extra.name = '';
    const form = await readForm(UpdateContactDto, body, view.i18n, { extra });
    let errors = form.ok ? undefined : form.errors;
    if (form.ok) {
      try {
        await this.contacts.update(ctx, contact.id, form.dto);
        setFlash(res, 'partners.flash.contactSaved');
        return res.redirect(303, `/partners/${partner.id}#contacts`);
      } catch (error) {
        errors = domainFieldErrors(error, view.i18n);
        if (!errors) throw error;
      }
    }
    res.status(400);
    return html(<ContactFormPage view={view} partner={partner} contact={contact} values={text} errors={errors} />);
  }

  @Post(':contactId/primary')
  @Roles(...MEMBERS)
  @Html()
  async makePrimary(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Param('contactId') contactId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(ctx, req, res, id, contactId, { primary: true }, 'partners.flash.primary');
  }

  @Post(':contactId/do-not-contact')
  @Roles(...MEMBERS)
  @Html()
  async doNotContact(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Param('contactId') contactId: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const stop = body.doNotContact !== 'false';
    const flash = stop ? 'partners.flash.doNotContact' : 'partners.flash.contactAllowed';
    return this.change(ctx, req, res, id, contactId, { doNotContact: stop }, flash);
  }

  /** A one-button change: the contacts section again for htmx, else back to the partner's page with a message. */
  private async change(
    ctx: RequestContext,
    req: Request,
    res: Response,
    id: string,
    contactId: string,
    change: Partial<UpdateContactDto>,
    flash: MessageKey,
  ): Promise<string | void> {
    const { partner, contact } = await this.contactOf(ctx, id, contactId);
    await this.contacts.update(ctx, contact.id, Object.assign(new UpdateContactDto(), change));
    if (!req.header('hx-request')) {
      setFlash(res, flash);
      return res.redirect(303, `/partners/${partner.id}#contacts`);
    }
    const [view, contacts] = await Promise.all([this.web.view(ctx, req), this.profiles.contactsOf(ctx, partner.id)]);
    res.status(200);
    return renderFragment(<ContactsSection view={view} partner={partner} contacts={contacts} />);
  }

  /** The contact, only as one of this partner's: another partner's (or centre's) contact is not found here. */
  private async contactOf(ctx: RequestContext, partnerId: string, contactId: string) {
    const partner = await this.partners.get(ctx, partnerId);
    const contact: ContactResponse = await this.contacts.get(ctx, contactId);
    if (contact.partnerId !== partner.id) throw new NotFoundError('Contact');
    return { partner, contact };
  }
}
