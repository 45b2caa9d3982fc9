import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { User } from '../auth/user.entity.js';
import { InvalidError, UnprocessableError } from '../common/errors.js';
import type { CellError } from '../common/problem.js';
import type { RequestContext } from '../common/request-context.js';
import { Contact } from '../contacts/contact.entity.js';
import type { CreateContactDto } from '../contacts/dto/contact.dto.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import type { CreatePartnerDto } from '../partners/dto/partner.dto.js';
import { PartnerMatcher, type PartnerIdentity } from '../partners/partner-identity.js';
import { refreshSearchTextOfMany } from '../partners/partner-stats.js';
import { Partner } from '../partners/partner.entity.js';
import { newPartnerFields } from '../partners/partners.service.js';
import type { ImportReport, OnMatch } from './dto/partner-import.dto.js';
import { readPartnerCsv, UnreadableCsv, type CsvHeader } from './partner-csv.reader.js';
import { validateRow, type ImportRow } from './partner-import.rows.js';

/** Partner ids per lookup of their existing contacts. */
const LOOKUP_BATCH = 1000;

interface Plan {
  create: ImportRow[];
  update: { row: ImportRow; partnerId: string }[];
  skip: ImportRow[];
}

/**
 * Imports partners and one contact per row from a CSV file: reads and checks the whole file first (every problem,
 * by row and column), then writes all of it in one transaction, or nothing. A dry run stops before writing and
 * answers the same counts.
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
      const { rows, header } = await this.readFile(tx, file);
      const plan = await this.plan(tx, rows, options.onMatch, header);
      const report: ImportReport = {
        dryRun: options.dryRun,
        rows: rows.length,
        created: plan.create.length,
        updated: plan.update.length,
        skipped: plan.skip.length,
        errors: [],
        warnings: header.unknownColumns.map((column) => ({
          row: 1,
          column,
          message: `The column "${column}" is not one the import knows; it was ignored`,
        })),
      };
      if (options.dryRun) return report;
      await this.write(tx, plan, report, options.onMatch);
      return report;
    };
    // A dry run reads only; a commit writes everything in one transaction.
    return options.dryRun ? this.scope.read(ctx, work) : this.scope.transaction(ctx, work);
  }

  /** Every row, checked; UnprocessableError with all the problems if there is any. */
  private async readFile(tx: CentreTx, file: Buffer): Promise<{ rows: ImportRow[]; header: CsvHeader }> {
    const centre = await tx.centre();
    const users = await tx.find(User, { where: { active: true }, select: { id: true, email: true } });
    const ownerIdByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user.id]));
    const problems: CellError[] = [];
    const rows: ImportRow[] = [];
    const earlier = new PartnerMatcher<PartnerIdentity>();
    let header: CsvHeader | undefined;
    let seen = 0;
    try {
      const csv = readPartnerCsv(
        file,
        (found) => (header = found),
        (problem) => problems.push(problem),
      );
      for await (const csvRow of csv) {
        seen++;
        const columns = header!.columnOf;
        const row = validateRow(csvRow, header!, { sectors: centre.sectors, ownerIdByEmail }, problems);
        const { name, website } = csvRow.cells;
        if (name) {
          const duplicate = earlier.match({ name, website });
          if (duplicate) {
            const column = duplicate.reason === 'name' ? columns.name! : (columns.website ?? 'website');
            problems.push({
              row: csvRow.row,
              column,
              message: `The same partner as row ${duplicate.partner.id} (same ${duplicate.reason === 'name' ? 'name' : 'website domain'})`,
            });
          } else earlier.add({ id: String(csvRow.row), name, website: website ?? null });
        }
        if (row) rows.push(row);
      }
    } catch (error) {
      if (error instanceof UnreadableCsv) throw new UnprocessableError(error.message, error.problems);
      throw error;
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
    return { rows, header: header! };
  }

  /** What each row does, against the centre's current partners (another centre's are never seen). */
  private async plan(tx: CentreTx, rows: ImportRow[], onMatch: OnMatch, header: CsvHeader): Promise<Plan> {
    const plan: Plan = { create: [], update: [], skip: [] };
    if (onMatch === 'create') return { ...plan, create: rows };
    const current = await tx
      .select(Partner, 'p')
      .select(['p.id', 'p.name', 'p.website'])
      .andWhere('p.archivedAt IS NULL')
      .orderBy('p.createdAt', 'ASC')
      .getMany();
    const matcher = new PartnerMatcher(current);
    const rowOfPartner = new Map<string, number>();
    const problems: CellError[] = [];
    for (const row of rows) {
      const match = matcher.match(row.partner);
      if (!match) plan.create.push(row);
      else {
        const earlier = rowOfPartner.get(match.partner.id);
        if (earlier !== undefined)
          problems.push({
            row: row.row,
            column: header.columnOf.name!,
            message: `Matches the same existing partner (${match.partner.name}) as row ${earlier}`,
          });
        rowOfPartner.set(match.partner.id, row.row);
        if (onMatch === 'skip') plan.skip.push(row);
        else plan.update.push({ row, partnerId: match.partner.id });
      }
    }
    if (problems.length > 0)
      throw new UnprocessableError(`The file has ${problems.length} problems; nothing was imported`, problems);
    return plan;
  }

  private async write(tx: CentreTx, plan: Plan, report: ImportReport, onMatch: OnMatch): Promise<void> {
    const createdIds = await tx.insertMany(
      Partner,
      plan.create.map(({ partner }) => newPartnerFields(partner)),
    );
    const contacts: { partnerId: string; dto: CreateContactDto }[] = [];
    plan.create.forEach(({ contact }, index) => {
      if (contact) contacts.push({ partnerId: createdIds[index]!, dto: contact });
    });
    for (const { row, partnerId } of plan.update) await tx.update(Partner, partnerId, givenFields(row));
    contacts.push(...(await this.newContactsOfMatched(tx, plan.update)));
    await tx.insertMany(
      Contact,
      contacts.map(({ partnerId, dto }) => newContact(partnerId, dto)),
    );
    const touched = [...createdIds, ...plan.update.map((u) => u.partnerId)];
    await refreshSearchTextOfMany(tx, touched);
    await tx.audit('create', 'partner_import', randomUUID(), null, {
      onMatch,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      skipped: report.skipped,
      contactsCreated: contacts.length,
    });
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
