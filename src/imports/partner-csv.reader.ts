import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { CellError } from '../common/problem.js';

/** The columns an import understands: the API's field names, one contact per row. */
export const IMPORT_FIELDS = [
  'name',
  'sector',
  'tier',
  'website',
  'country',
  'region',
  'tags',
  'notes',
  'ownerEmail',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactJobTitle',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Without these the file cannot say what to create. */
const REQUIRED: ImportField[] = ['name', 'sector'];

/** Header words (folded: lower case, no accents, letters and digits only) and the field each names. */
const SYNONYMS: Record<string, ImportField> = {
  organisation: 'name',
  organization: 'name',
  partner: 'name',
  url: 'website',
  site: 'website',
};

/** "Contact e-mail" → "contactemail": how headers are compared, whatever their case, accents or punctuation. */
export function foldHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const FIELD_BY_HEADER = new Map<string, ImportField>([
  ...IMPORT_FIELDS.map((field) => [foldHeader(field), field] as const),
  ...Object.entries(SYNONYMS),
]);

/** One data row of the file: its row number (the header is row 1) and its cells by field. */
export interface CsvRow {
  row: number;
  cells: Partial<Record<ImportField, string>>;
}

/** The header as read: which column holds each field, and the columns no field matches. */
export interface CsvHeader {
  /** The header's own text of each field's column, for messages. */
  columnOf: Partial<Record<ImportField, string>>;
  unknownColumns: string[];
}

export type Encoding = 'utf-8' | 'windows-1252';

/** A file that cannot be read at all (encoding, header, structure): the problems, by row and column. */
export class UnreadableCsv extends Error {
  constructor(
    message: string,
    readonly problems: CellError[],
  ) {
    super(message);
    this.name = 'UnreadableCsv';
  }
}

/** Bytes no Windows-1252 text holds: C0 controls other than tab and line ends, and the five unassigned codes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_1252 = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\x81\x8d\x8f\x90\x9d]/;

/**
 * UTF-8 (with or without its BOM) or, failing that, Windows-1252 (what Excel writes on Windows) when every byte
 * is plausible text in it. UTF-16, binary files and NUL bytes are refused: they are not a spreadsheet's CSV.
 */
export function detectEncoding(bytes: Buffer): Encoding {
  const head = bytes.subarray(0, 2);
  if (head.equals(Buffer.from([0xff, 0xfe])) || head.equals(Buffer.from([0xfe, 0xff])))
    throw unreadable('The file is UTF-16; save it as CSV UTF-8 (or Windows-1252) and import it again');
  if (isUtf8(bytes) && !bytes.includes(0)) return 'utf-8';
  if (!NOT_1252.test(bytes.toString('latin1'))) return 'windows-1252';
  throw unreadable('The file is neither UTF-8 nor Windows-1252 text (a binary file?); save it as CSV UTF-8');
}

/** `;` when the header line holds more semicolons than commas (outside quotes), as European spreadsheets write. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Maps the header's cells to fields; duplicate and missing required columns are problems of row 1. */
export function readHeader(cells: string[]): CsvHeader & { fields: (ImportField | null)[] } {
  const problems: CellError[] = [];
  const columnOf: CsvHeader['columnOf'] = {};
  const unknownColumns: string[] = [];
  const fields = cells.map((cell) => {
    const text = cell.trim();
    const field = FIELD_BY_HEADER.get(foldHeader(text)) ?? null;
    if (!field) {
      if (text) unknownColumns.push(text);
    } else if (columnOf[field] !== undefined) {
      problems.push({ row: 1, column: text, message: `The column "${text}" repeats "${columnOf[field]}" (${field})` });
    } else columnOf[field] = text;
    return field;
  });
  for (const field of REQUIRED) {
    if (columnOf[field] === undefined)
      problems.push({ row: 1, column: field, message: `The required column "${field}" is missing from the header` });
  }
  if (problems.length > 0) throw new UnreadableCsv('The header of the file cannot be used', problems);
  return { columnOf, unknownColumns, fields };
}

/**
 * Reads a CSV upload row by row with csv-parse: the bytes are decoded as they stream through (never a second
 * copy of the whole file as text), the separator is taken from the header line, quoted separators, line breaks
 * and doubled quotes are understood, CRLF or LF. Calls `header` once, then yields the data rows. A row with the
 * wrong number of cells is a problem of that row (collected by the caller); unbalanced quotes stop the reading.
 */
export async function* readPartnerCsv(
  bytes: Buffer,
  onHeader: (header: CsvHeader) => void,
  onRaggedRow: (problem: CellError) => void,
): AsyncGenerator<CsvRow> {
  const encoding = detectEncoding(bytes);
  const separator = detectSeparator(iconv.decode(bytes.subarray(0, 64 * 1024), encoding));
  const parser = parse({
    delimiter: separator,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const chunks = function* () {
    for (let start = 0; start < bytes.length; start += 64 * 1024) yield bytes.subarray(start, start + 64 * 1024);
  };
  Readable.from(chunks()).pipe(iconv.decodeStream(encoding)).pipe(parser);

  let fields: (ImportField | null)[] | undefined;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (!fields) {
        const header = readHeader(record);
        fields = header.fields;
        onHeader(header);
        continue;
      }
      if (record.length !== fields.length) {
        onRaggedRow({
          row,
          column: null,
          message: `Row ${row} has ${record.length} cells where the header has ${fields.length}`,
        });
        continue;
      }
      const cells: CsvRow['cells'] = {};
      record.forEach((value, index) => {
        const field = fields![index];
        if (field && value.trim() !== '') cells[field] = value.trim();
      });
      yield { row, cells };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The parser reads ahead of the rows handed out: its own count says where it stopped.
    const read =
      typeof (error as { records?: unknown }).records === 'number'
        ? (error as unknown as { records: number }).records
        : row;
    throw unreadable(`The file cannot be read as CSV from row ${read + 1} on: ${csvProblem(error)}`, read + 1);
  } finally {
    parser.destroy();
  }
  if (!fields) throw unreadable('The file is empty: it needs a header row and at least one partner', 1);
}

function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (unbalanced quotes)';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quote inside a cell is not doubled, or text follows a closing quote (unbalanced quotes)';
    default:
      return error.message;
  }
}

function unreadable(message: string, row = 1): UnreadableCsv {
  return new UnreadableCsv(message, [{ row, column: null, message }]);
}
