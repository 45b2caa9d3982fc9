import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { FieldError } from '../common/problem.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import { refreshSearchText } from '../partners/partner-stats.js';
import { Partner } from '../partners/partner.entity.js';
import { Contact } from './contact.entity.js';
import {
  ContactResponse,
  type ContactQueryDto,
  type ContactSort,
  type CreateContactDto,
  type UpdateContactDto,
} from './dto/contact.dto.js';

const ORDER: Record<ContactSort, [column: string, direction: 'ASC' | 'DESC'][]> = {
  primary: [
    ['c.primary', 'DESC'],
    ['c.name', 'ASC'],
  ],
  name: [['c.name', 'ASC']],
  '-name': [['c.name', 'DESC']],
  createdAt: [['c.createdAt', 'ASC']],
  '-createdAt': [['c.createdAt', 'DESC']],
};

/**
 * The people at a partner. Every personal field of a person lives in the contact row; the partner's search
 * text (which folds contact names and emails in) is refreshed in the same transaction as each change.
 */
@Injectable()
export class ContactsService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, partnerId: string, query: ContactQueryDto): Promise<Page<ContactResponse>> {
    return this.scope.read(ctx, async (tx) => {
      await tx.get(Partner, partnerId);
      const q = tx
        .select(Contact, 'c')
        .andWhere('c.partnerId = :partnerId', { partnerId })
        .andWhere('c.erasedAt IS NULL');
      for (const [column, direction] of ORDER[query.sort]) q.addOrderBy(column, direction);
      const [contacts, total] = await q
        .addOrderBy('c.id', 'ASC')
        .skip(skipOf(query))
        .take(query.limit)
        .getManyAndCount();
      return pageOf(contacts.map(ContactResponse.of), total, query);
    });
  }

  get(ctx: RequestContext, id: string): Promise<ContactResponse> {
    return this.scope.read(ctx, async (tx) => ContactResponse.of(await current(tx, id)));
  }

  create(ctx: RequestContext, partnerId: string, dto: CreateContactDto): Promise<ContactResponse> {
    return this.writing(ctx, async (tx) => {
      // Contacts may be added to an archived partner (its history stays editable). The lock orders primary changes.
      await tx.get(Partner, partnerId, { lock: dto.primary === true });
      const lawfulBasis = dto.lawfulBasis ?? 'legitimate_interest';
      const consentDate = dto.consentDate ?? null;
      await checkConsent(tx, this.clock, lawfulBasis, consentDate, dto.consentDate !== undefined);
      if (dto.primary) await this.unsetPrimary(tx, partnerId);
      const contact = await tx.insert(Contact, {
        partnerId,
        name: dto.name,
        email: dto.email ?? null,
        phone: dto.phone ?? null,
        jobTitle: dto.jobTitle ?? null,
        primary: dto.primary ?? false,
        lawfulBasis,
        consentDate,
        doNotContact: dto.doNotContact ?? false,
      });
      await refreshSearchText(tx, [partnerId]);
      return ContactResponse.of(contact);
    });
  }

  update(ctx: RequestContext, id: string, dto: UpdateContactDto): Promise<ContactResponse> {
    return this.writing(ctx, async (tx) => {
      const before = await current(tx, id); // locked by tx.update below, after the partner (the order creating a contact takes)
      const lawfulBasis = dto.lawfulBasis ?? before.lawfulBasis;
      const consentDate = dto.consentDate === undefined ? before.consentDate : dto.consentDate;
      await checkConsent(tx, this.clock, lawfulBasis, consentDate, dto.consentDate !== undefined);
      if (dto.primary && !before.primary) {
        await tx.get(Partner, before.partnerId, { lock: true });
        await this.unsetPrimary(tx, before.partnerId);
      }
      const after = await tx.update(Contact, id, dto);
      await refreshSearchText(tx, [before.partnerId]);
      return ContactResponse.of(after);
    });
  }

  /** Removes a contact entered by mistake; its engagement links go with it (ON DELETE CASCADE). */
  remove(ctx: RequestContext, id: string): Promise<void> {
    return this.writing(ctx, async (tx) => {
      const contact = await current(tx, id, { lock: true });
      await tx.remove(Contact, contact);
      await refreshSearchText(tx, [contact.partnerId]);
    });
  }

  /** The old primary stops being primary first (audited), so the one-primary index never sees two. */
  private async unsetPrimary(tx: CentreTx, partnerId: string): Promise<void> {
    const previous = await tx.find(Contact, {
      where: { partnerId, primary: true, erasedAt: IsNull() },
      select: { id: true },
    });
    for (const { id } of previous) await tx.update(Contact, id, { primary: false });
  }

  private async writing<T>(ctx: RequestContext, work: (tx: CentreTx) => Promise<T>): Promise<T> {
    try {
      return await this.scope.transaction(ctx, work);
    } catch (error) {
      // Only if two requests raced past the partner lock; the index keeps the data right, the client may retry.
      if (isUniqueViolation(error, 'contact_one_primary_idx')) {
        throw new ConflictError('The partner already has a primary contact', [
          { field: 'primary', message: 'another contact of this partner became primary at the same time; try again' },
        ]);
      }
      throw error;
    }
  }
}

/** A current contact of this centre; erased people are gone as far as the API is concerned. */
async function current(tx: CentreTx, id: string, options: { lock?: boolean } = {}): Promise<Contact> {
  const contact = await tx.get(Contact, id, options);
  if (contact.erasedAt) throw new NotFoundError('Contact');
  return contact;
}

/** Consent needs its date, and a consent cannot be given after today (in the centre's time zone). */
async function checkConsent(
  tx: CentreTx,
  clock: Clock,
  lawfulBasis: string,
  consentDate: string | null,
  dateGiven: boolean,
): Promise<void> {
  const errors: FieldError[] = [];
  if (lawfulBasis === 'consent' && !consentDate) {
    errors.push({ field: 'consentDate', message: 'consentDate is required when lawfulBasis is consent' });
  }
  if (consentDate && dateGiven) {
    const today = localDate(clock.now(), (await tx.centre()).timezone);
    if (consentDate > today)
      errors.push({ field: 'consentDate', message: `consentDate cannot be in the future (today is ${today})` });
  }
  if (errors.length > 0) throw new InvalidError('The contact has invalid fields', errors);
}
