import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Ctx } from '../access/ctx.decorator.js';
import { Roles } from '../access/policy.js';
import { API } from '../common/api.js';
import type { Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { ContactPrivacyService } from './contact-privacy.service.js';
import { ContactsService } from './contacts.service.js';
import { PersonExport } from './dto/contact-privacy.dto.js';
import {
  ContactPage,
  ContactQueryDto,
  ContactResponse,
  CreateContactDto,
  UpdateContactDto,
} from './dto/contact.dto.js';

/** Who may work with contacts, and the errors every contact route can answer (problem+json). */
const ContactRoute = (notFound: string) =>
  applyDecorators(
    Roles('admin', 'manager', 'coordinator'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: 'Your role may not use this route' }),
    ApiNotFoundResponse({ description: notFound }),
  );

const INVALID = 'Invalid fields, each named in `errors` (an unknown field such as partnerId or centreId is refused)';

@ApiTags('contacts')
@Controller(`${API}/partners/:id/contacts`)
export class PartnerContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ContactRoute('No such partner in your centre')
  @ApiOkResponse({
    type: ContactPage,
    description: "The partner's contacts (erased people left out); by default the primary contact first, then by name",
  })
  @ApiBadRequestResponse({ description: 'Invalid page, limit or sort' })
  list(
    @Ctx() ctx: RequestContext,
    @Param('id') partnerId: string,
    @Query() query: ContactQueryDto,
  ): Promise<Page<ContactResponse>> {
    return this.contacts.list(ctx, partnerId, query);
  }

  @Post()
  @ContactRoute('No such partner in your centre')
  @ApiCreatedResponse({
    type: ContactResponse,
    description:
      'Also allowed on an archived partner. A new primary contact makes the previous one an ordinary contact.',
  })
  @ApiBadRequestResponse({ description: INVALID })
  @ApiConflictResponse({ description: 'Another contact of the partner became primary at the same moment; try again' })
  create(
    @Ctx() ctx: RequestContext,
    @Param('id') partnerId: string,
    @Body() dto: CreateContactDto,
  ): Promise<ContactResponse> {
    return this.contacts.create(ctx, partnerId, dto);
  }
}

@ApiTags('contacts')
@Controller(`${API}/contacts`)
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly privacy: ContactPrivacyService,
  ) {}

  @Get(':id/export')
  @Roles('admin', 'manager')
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  @ApiForbiddenResponse({ description: 'Admins and managers only' })
  @ApiNotFoundResponse({ description: 'No such contact in your centre' })
  @ApiOkResponse({
    type: PersonExport,
    description:
      'Everything held about the person (GDPR access request): the contact, the engagements they took part in, ' +
      'their board seats, reminders about them and the audit trail of their record. Also for an erased person.',
  })
  export(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<PersonExport> {
    return this.privacy.export(ctx, id);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @Roles('admin')
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  @ApiNotFoundResponse({ description: 'No such contact in your centre' })
  @ApiOkResponse({
    type: ContactResponse,
    description:
      'The person erased (GDPR): name "Erased contact", email, phone, job title and consent cleared, no longer ' +
      'primary, do-not-contact set, erasedAt set; engagements and board seats keep the link. Idempotent: erasing ' +
      'again answers the same and writes nothing.',
  })
  erase(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<ContactResponse> {
    return this.privacy.erase(ctx, id);
  }

  @Get(':id')
  @ContactRoute('No such contact in your centre (or the person was erased)')
  @ApiOkResponse({ type: ContactResponse })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<ContactResponse> {
    return this.contacts.get(ctx, id);
  }

  @Patch(':id')
  @ContactRoute('No such contact in your centre (or the person was erased)')
  @ApiOkResponse({
    type: ContactResponse,
    description: 'Making the contact primary makes the previous primary an ordinary contact',
  })
  @ApiBadRequestResponse({ description: INVALID })
  @ApiConflictResponse({ description: 'Another contact of the partner became primary at the same moment; try again' })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: UpdateContactDto): Promise<ContactResponse> {
    return this.contacts.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ContactRoute('No such contact in your centre (or the person was erased)')
  @ApiNoContentResponse({
    description: 'Deleted (for an entry made by mistake); it disappears from the engagements that named it',
  })
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<void> {
    await this.contacts.remove(ctx, id);
  }
}
