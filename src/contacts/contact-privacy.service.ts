import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { refreshSearchText } from '../partners/partner-stats.js';
import { Partner } from '../partners/partner.entity.js';
import { Contact } from './contact.entity.js';
import {
  auditOfPerson,
  boardSeatsOfPerson,
  cancelRemindersAboutPerson,
  engagementsOfPerson,
  remindersAboutPerson,
} from './contact-privacy.query.js';
import type { PersonExport } from './dto/contact-privacy.dto.js';
import { ContactResponse } from './dto/contact.dto.js';

/** The name an erased person keeps, so engagement histories and board seats still read. */
export const ERASED_NAME = 'Erased contact';

/**
 * A person's rights under the GDPR: access (everything held about them, as JSON) and erasure. Erasure empties
 * the contact row (the only place personal fields live) and leaves every link to it: engagements, counts and
 * board seats stay, naming "Erased contact".
 */
@Injectable()
export class ContactPrivacyService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  /** Also for an erased person: the export then shows what is left (the links, the trail). */
  export(ctx: RequestContext, id: string): Promise<PersonExport> {
    return this.scope.read(ctx, async (tx) => {
      const contact = await tx.get(Contact, id);
      const [engagements, boardSeats, reminders, audit] = await Promise.all([
        engagementsOfPerson(tx, id),
        boardSeatsOfPerson(tx, id),
        remindersAboutPerson(tx, id),
        auditOfPerson(tx, id),
      ]);
      return {
        exportedAt: this.clock.now().toISOString(),
        contact: ContactResponse.of(contact),
        engagements,
        boardSeats,
        reminders,
        audit,
      };
    });
  }

  /**
   * Erases the person: name "Erased contact"; email, phone, job title and consent date cleared; lawful basis back
   * to the default (the column is required); no longer primary (an erased person is no one's main contact, and the
   * partner may name another); do-not-contact set (no one may write to them again), with the address kept only as
   * a hash for that rule (a colleague's account with it gets no reminder mail); the open reminders about them
   * (a contact review) cancelled, since there is no one left to review. One audit row (an update, whose snapshots
   * mask the personal fields). Erasing an erased person answers the same and writes nothing.
   */
  async erase(ctx: RequestContext, id: string): Promise<ContactResponse> {
    return (await this.eraseIf(ctx, id, () => true))!;
  }

  /**
   * Erases the person only if `partnerAllows` says yes of their partner, read and locked in the same transaction
   * (the retention rule: the partner is still archived, and long enough); null when it says no.
   */
  eraseIf(
    ctx: RequestContext,
    id: string,
    partnerAllows: (partner: Partner) => boolean,
  ): Promise<ContactResponse | null> {
    return this.scope.transaction(ctx, async (tx) => {
      // The partner first, then the contact: the order creating a primary contact takes, so the two never deadlock.
      const { partnerId } = await tx.get(Contact, id);
      const partner = await tx.get(Partner, partnerId, { lock: true });
      const contact = await tx.get(Contact, id, { lock: true });
      if (contact.erasedAt) return ContactResponse.of(contact);
      if (!partnerAllows(partner)) return null;
      const now = this.clock.now();
      const erased = await tx.update(Contact, contact, {
        name: ERASED_NAME,
        email: null,
        phone: null,
        jobTitle: null,
        lawfulBasis: 'legitimate_interest',
        consentDate: null,
        primary: false,
        doNotContact: true,
        erasedAt: now,
        erasedEmailHash: contact.email ? erasedEmailHash(contact.email) : null,
      });
      await cancelRemindersAboutPerson(tx, id, now);
      await refreshSearchText(tx, [contact.partnerId]);
      return ContactResponse.of(erased);
    });
  }
}

/** The hex SHA-256 of an address in lower case: digest.query's mailableSql computes the same of a user's address. */
export function erasedEmailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
