import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { User } from '../auth/user.entity.js';
import { InvalidError, UnprocessableError } from '../common/errors.js';
import type { CellError } from '../common/problem.js';
import type { RequestContext } from '../common/request-context.js';
import { Contact } from '../contacts/contact.entity.js';
import type { CreateContactDto } from '../contacts/dto/contact.dto.js';
import { CentreScope, type CentreTx, type PreparedInsert } from '../database/centre-scope.js';
import type { CreatePartnerDto } from '../partners/dto/partner.dto.js';
import { identityKeys, PartnerMatcher, type PartnerIdentity } from '../partners/partner-identity.js';
import { refreshSearchTextOfMany, searchTextSource } from '../partners/partner-stats.js';
import { Partner } from '../partners/partner.entity.js';
import { newPartnerFields } from '../partners/partners.service.js';
import type { ImportReport, OnMatch } from './dto/partner-import.dto.js';
import { ChunkWriter } from './chunk-writer.js';
import { readPartnerCsv, UnreadableCsv, type CsvHeader } from './partner-csv.reader.js';
import { validateRow, type ImportRow } from './partner-import.rows.js';

/** Partner ids per lookup of their existing contacts. */
const LOOKUP_BATCH = 1000;

/** Rows written per chunk while the file is still being read and checked (one INSERT of partners, one of contacts). */
const WRITE_CHUNK = 1000;
/** Rows read between two turns of the event loop, so that a chunk's answer from PostgreSQL is taken promptly. */
const YIELD_EVERY = 20;

/** What the rows do, against the centre's current partners (another centre's are never seen). */
interface Plan {
  created: number;
  contactsCreated: number;
  update: { row: ImportRow; partnerId: string }[];
  skipped: number;
}

/**
 * Imports partners and one contact per row from a CSV file, all of it or nothing: every problem of the file comes
 * back at once (by row and column), and a commit is one transaction. A commit does not wait for the whole file to
 * be checked before writing: new partners are written a chunk at a time while the rest of the file is read, so
 * PostgreSQL works on one chunk while Node checks the next, and the first problem found stops the writing and rolls
 * all of it back. A dry run reads and checks the same way and answers the same counts.
 */
@Injectable()
export class PartnerImportService {
  constructor(private readonly scope: CentreScope) {}

  async importPartners(
    ctx: RequestContext,
    file: Buffer | undefined,
    options: { dryRun: boolean; onMatch: OnMatch },
  ): Promise<ImportReport> {
    if (!file)
      throw new InvalidError('No file', [
        { field: 'file', message: 'file must be a CSV file sent as the multipart field "file"' },
      ]);
    const work = async (tx: CentreTx): Promise<ImportReport> => {
      const writer = options.dryRun ? undefined : new ChunkWriter((rows: ImportRow[]) => newPartnerInserts(tx, rows));
      const { rows, header, plan } = await this.readAndPlan(tx, file, options.onMatch, writer);
      const report: ImportReport = {
        dryRun: options.dryRun,
        rows,
        created: plan.created,
        updated: plan.update.length,
        skipped: plan.skipped,
        errors: [],
        warnings: header.unknownColumns.map((column) => ({
          row: 1,
          column,
          message: `The column "${column}" is not one the import knows; it was ignored`,
        })),
      };
      if (options.dryRun) return report;
      await this.writeUpdates(tx, plan);
      await tx.audit('create', 'partner_import', randomUUID(), null, {
        onMatch: options.onMatch,
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        skipped: report.skipped,
        contactsCreated: plan.contactsCreated,
      });
      return report;
    };
    // A dry run reads only; a commit writes everything in one transaction.
    return options.dryRun ? this.scope.read(ctx, work) : this.scope.transaction(ctx, work);
  }

  /**
   * Reads and checks every row (the DTOs' rules, the centre's sectors and users, the same partner twice in the
   * file or matched twice), decides what each does, and hands the new partners to `writer` as it goes, for as
   * long as no problem has turned up. UnprocessableError with all the problems if there is any.
   */
  private async readAndPlan(
    tx: CentreTx,
    file: Buffer,
    onMatch: OnMatch,
    writer: ChunkWriter<ImportRow> | undefined,
  ): Promise<{ rows: number; header: CsvHeader; plan: Plan }> {
    const centre = await tx.centre();
    const users = await tx.find(User, { where: { active: true }, select: { id: true, email: true } });
    const ownerIdByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user.id]));
    const current = onMatch === 'create' ? undefined : new PartnerMatcher(await currentPartners(tx));
    const plan: Plan = { created: 0, contactsCreated: 0, update: [], skipped: 0 };
    const problems: CellError[] = [];
    const earlier = new PartnerMatcher<PartnerIdentity>();
    const rowOfPartner = new Map<string, number>();
    let chunk: ImportRow[] = [];
    let header: CsvHeader | undefined;
    let seen = 0;
    try {
      const csv = readPartnerCsv(
        file,
        (found) => (header = found),
        (problem) => problems.push(problem),
      );
      for await (const csvRow of csv) {
        if (++seen % YIELD_EVERY === 0) await setImmediate();
        const columns = header!.columnOf;
        const row = validateRow(csvRow, header!, { sectors: centre.sectors, ownerIdByEmail }, problems);
        const { name, website } = csvRow.cells;
        // The same keys as the row's DTO would give: folding sets case, accents and spacing aside.
        const keys = name ? identityKeys({ name, website }) : undefined;
        if (name && keys) {
          const duplicate = earlier.match({ name, website }, keys);
          if (duplicate) {
            const column = duplicate.reason === 'name' ? columns.name! : (columns.website ?? 'website');
            problems.push({
              row: csvRow.row,
              column,
              message: `The same partner as row ${duplicate.partner.id} (same ${duplicate.reason === 'name' ? 'name' : 'website domain'})`,
            });
          } else earlier.add({ id: String(csvRow.row), name, website: website ?? null }, keys);
        }
        if (!row) continue;
        const match = current?.match(row.partner, keys);
        if (!match) {
          plan.created++;
          if (row.contact) plan.contactsCreated++;
          if (writer && problems.length === 0) {
            chunk.push(row);
            if (chunk.length === WRITE_CHUNK) {
              await writer.write(chunk);
              chunk = [];
            }
          }
          continue;
        }
        const before = rowOfPartner.get(match.partner.id);
        if (before !== undefined)
          problems.push({
            row: row.row,
            column: columns.name!,
            message: `Matches the same existing partner (${match.partner.name}) as row ${before}`,
          });
        rowOfPartner.set(match.partner.id, row.row);
        if (onMatch === 'skip') plan.skipped++;
        else plan.update.push({ row, partnerId: match.partner.id });
      }
    } catch (error) {
      if (error instanceof UnreadableCsv) throw new UnprocessableError(error.message, error.problems);
      throw error;
    } finally {
      // Whatever happened, no write is left running in the transaction; a failed one fails the import.
      await writer?.finish();
    }
    if (seen === 0 && problems.length === 0)
      problems.push({ row: 2, column: null, message: 'The file has a header but no partner rows' });
    if (problems.length > 0) {
      problems.sort((a, b) => a.row - b.row);
      throw new UnprocessableError(
        `The file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported`,
        problems,
      );
    }
    if (chunk.length > 0) {
      await writer!.write(chunk);
      await writer!.finish();
    }
    return { rows: seen, header: header!, plan };
  }

  /** onMatch=update: the matched partners' given fields, and the rows' people they do not have yet. */
  private async writeUpdates(tx: CentreTx, plan: Plan): Promise<void> {
    if (plan.update.length === 0) return;
    for (const { row, partnerId } of plan.update) await tx.update(Partner, partnerId, givenFields(row));
    const contacts = await this.newContactsOfMatched(tx, plan.update);
    await tx.insertMany(
      Contact,
      contacts.map(({ partnerId, dto }) => newContact(partnerId, dto)),
    );
    plan.contactsCreated += contacts.length;
    await refreshSearchTextOfMany(
      tx,
      plan.update.map((u) => u.partnerId),
    );
  }

  /**
   * The rows' contacts for partners that exist already, except a person the partner has already (same email,
   * ignoring case; without an email, the same name), so importing the same file twice adds no one twice.
   */
  private async newContactsOfMatched(
    tx: CentreTx,
    updates: Plan['update'],
  ): Promise<{ partnerId: string; dto: CreateContactDto }[]> {
    const withContact = updates.filter((u) => u.row.contact);
    if (withContact.length === 0) return [];
    const known = new Set<string>();
    const partnerIds = [...new Set(withContact.map((u) => u.partnerId))];
    for (let start = 0; start < partnerIds.length; start += LOOKUP_BATCH) {
      const existing = await tx
        .select(Contact, 'c')
        .select(['c.partnerId', 'c.name', 'c.email'])
        .andWhere('c.partnerId IN (:...ids)', { ids: partnerIds.slice(start, start + LOOKUP_BATCH) })
        .andWhere('c.erasedAt IS NULL')
        .getMany();
      for (const c of existing) known.add(personKey(c.partnerId, c));
    }
    return withContact
      .filter(({ row, partnerId }) => !known.has(personKey(partnerId, row.contact!)))
      .map(({ row, partnerId }) => ({ partnerId, dto: row.contact! }));
  }
}

function personKey(partnerId: string, person: { name: string; email?: string | null }): string {
  return person.email
    ? `${partnerId} email ${person.email.toLowerCase()}`
    : `${partnerId} name ${person.name.toLowerCase()}`;
}

/** The same defaults as ContactsService.create (no consent date: legitimate interest). */
function newContact(partnerId: string, dto: CreateContactDto) {
  return {
    partnerId,
    name: dto.name,
    email: dto.email ?? null,
    phone: dto.phone ?? null,
    jobTitle: dto.jobTitle ?? null,
    primary: false,
    lawfulBasis: 'legitimate_interest' as const,
    consentDate: null,
    doNotContact: false,
  };
}

/** onMatch=update: the row's non-empty cells overwrite the partner's fields; empty cells leave them. */
function givenFields(row: ImportRow): Partial<CreatePartnerDto> {
  return Object.fromEntries(row.given.map((field) => [field, row.partner[field]]));
}

/** The centre's current partners, oldest first, for matching rows against. */
function currentPartners(tx: CentreTx): Promise<Partner[]> {
  return tx
    .select(Partner, 'p')
    .select(['p.id', 'p.name', 'p.website'])
    .andWhere('p.archivedAt IS NULL')
    .orderBy('p.createdAt', 'ASC')
    .getMany();
}

/**
 * New partners with their row's contact (each with its audit row), in that order, with the partners' search text
 * as refreshSearchText makes it.
 */
function newPartnerInserts(tx: CentreTx, rows: ImportRow[]): PreparedInsert[] {
  const partners = tx.prepareInsertMany(
    Partner,
    rows.map(({ partner, contact }) => ({
      ...newPartnerFields(partner),
      searchText: searchTextSource(partner, contact ? [contact] : []),
    })),
    { applying: { searchText: 'keepwarm_fold' } },
  );
  const contacts: ReturnType<typeof newContact>[] = [];
  rows.forEach(({ contact }, index) => {
    if (contact) contacts.push(newContact(partners.ids[index]!, contact));
  });
  return [partners, tx.prepareInsertMany(Contact, contacts)];
}
