import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { CellError } from '../common/problem.js';
import { fieldErrors, unacceptableAt } from '../common/validation.js';
import { CreateContactDto } from '../contacts/dto/contact.dto.js';
import { CreatePartnerDto } from '../partners/dto/partner.dto.js';
import type { CsvHeader, CsvRow, ImportField } from './partner-csv.reader.js';

/** A row turned into the API's own DTOs, validated by the same rules as POST /partners and POST …/contacts. */
export interface ImportRow {
  row: number;
  partner: CreatePartnerDto;
  /** The fields the row gives (non-empty cells), which onMatch=update overwrites. */
  given: (keyof CreatePartnerDto)[];
  contact: CreateContactDto | null;
}

/** Which file column a DTO property comes from, for messages. */
const PARTNER_SOURCE: Partial<Record<string, ImportField>> = { ownerId: 'ownerEmail' };
const CONTACT_SOURCE: Record<string, ImportField> = {
  name: 'contactName',
  email: 'contactEmail',
  phone: 'contactPhone',
  jobTitle: 'contactJobTitle',
};

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/**
 * Validates one row against the centre: the DTOs' rules, the centre's sectors and its active users (by email).
 * Problems are pushed to `problems`; null when the row has any.
 */
export function validateRow(
  input: CsvRow,
  header: CsvHeader,
  centre: { sectors: string[]; ownerIdByEmail: Map<string, string> },
  problems: CellError[],
): ImportRow | null {
  const { row, cells } = input;
  const before = problems.length;
  const columnOf = (field: ImportField) => header.columnOf[field] ?? field;
  const report = (field: ImportField, message: string) => problems.push({ row, column: columnOf(field), message });

  const plain: Record<string, unknown> = {
    // Required: an empty cell is an empty value (one clear "should not be empty"), not a missing one.
    name: cells.name ?? '',
    sector: cells.sector ?? '',
    tier: cells.tier,
    website: cells.website,
    country: cells.country,
    region: cells.region,
    notes: cells.notes,
    tags: cells.tags
      ?.split(/[|,]/)
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
  if (cells.ownerEmail !== undefined) {
    const ownerId = centre.ownerIdByEmail.get(cells.ownerEmail.toLowerCase());
    if (ownerId) plain.ownerId = ownerId;
    else report('ownerEmail', `ownerEmail ${cells.ownerEmail} is not an active user of this centre`);
  }
  const given = Object.keys(plain).filter((key) => plain[key] !== undefined) as (keyof CreatePartnerDto)[];
  const partner = checked(
    CreatePartnerDto,
    defined(plain),
    (property) => (PARTNER_SOURCE[property] ?? property) as ImportField,
    report,
  );
  // Checked even when another cell is wrong, so the row's report is complete.
  const sectorReported = problems.slice(before).some((p) => p.column === columnOf('sector'));
  const sector = cells.sector?.trim();
  if (sector && !sectorReported && !centre.sectors.includes(sector))
    report('sector', `sector must be one of the centre's sectors: ${centre.sectors.join(', ')}`);

  let contact: CreateContactDto | null = null;
  const contactPlain = defined({
    name: cells.contactName,
    email: cells.contactEmail,
    phone: cells.contactPhone,
    jobTitle: cells.contactJobTitle,
  });
  if (Object.keys(contactPlain).length > 0) {
    contactPlain.name ??= '';
    contact = checked(CreateContactDto, contactPlain, (property) => CONTACT_SOURCE[property] ?? 'contactName', report);
  }

  if (problems.length > before || !partner) return null;
  return { row, partner, given, contact };
}

/** The DTO, or null after reporting each failed rule at its column. */
function checked<T extends object>(
  dtoClass: new () => T,
  plain: Record<string, unknown>,
  sourceOf: (property: string) => ImportField,
  report: (field: ImportField, message: string) => void,
): T | null {
  const unacceptable = unacceptableAt(plain);
  if (unacceptable) {
    report(sourceOf(unacceptable.field.replace(/\[.*$/, '')), unacceptable.message);
    return null;
  }
  const dto = plainToInstance(dtoClass, plain);
  const errors = fieldErrors(validateSync(dto, OPTIONS));
  const reported = new Set<string>();
  for (const { field, message } of errors) {
    const property = field.replace(/\[.*$/, '');
    if (reported.has(property)) continue; // the first broken rule of a cell says enough
    reported.add(property);
    const source = sourceOf(property);
    // The rules speak of the DTO's property; the file calls it by its column's field name.
    report(source, message.replace(new RegExp(`^${property}\\b`), source));
  }
  return errors.length > 0 ? null : dto;
}

/** `values` without its undefined ones (a loop: this runs twice a row, and entries/fromEntries cost a tenth of it). */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in values) if (values[key] !== undefined) out[key] = values[key];
  return out;
}
