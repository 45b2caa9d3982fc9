import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { csvCell } from './csv-cell.js';

/** Rows read per query: a batch is all an export ever holds. */
export const EXPORT_BATCH = 500;

/** One column of an export: its header and how a row gives its value. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/** Reads the rows after `afterId` (null: from the start), by id, at most `limit` of them. */
export type BatchReader<T> = (afterId: string | null, limit: number) => Promise<T[]>;

/**
 * A CSV download streamed batch by batch (keyset pages by id): UTF-8 with a BOM so spreadsheets read accents
 * right, a header row, every cell through csvCell (ISO dates, formulas neutralised). The first batch is read
 * before anything is sent, so bad input is still a 400 problem+json and not a broken download.
 */
export async function csvDownload<T extends { id: string }>(
  filename: string,
  columns: CsvColumn<T>[],
  read: BatchReader<T>,
  batchSize = EXPORT_BATCH,
): Promise<StreamableFile> {
  const first = await read(null, batchSize);
  async function* records(): AsyncGenerator<string[]> {
    let batch = first;
    for (;;) {
      for (const row of batch) yield columns.map((column) => csvCell(column.value(row)));
      if (batch.length < batchSize) return;
      batch = await read(batch[batch.length - 1].id, batchSize);
    }
  }
  return csvFile(filename, columns, records());
}

/**
 * A CSV download of rows already in hand (a dashboard table, a report): the same file as csvDownload writes
 * (BOM, header row, CRLF, every cell through csvCell).
 */
export function csvAttachment<T>(filename: string, columns: CsvColumn<T>[], rows: Iterable<T>): StreamableFile {
  function* records(): Generator<string[]> {
    for (const row of rows) yield columns.map((column) => csvCell(column.value(row)));
  }
  return csvFile(filename, columns, records());
}

function csvFile(
  filename: string,
  columns: CsvColumn<never>[],
  records: Iterable<string[]> | AsyncIterable<string[]>,
): StreamableFile {
  const source = Readable.from(records);
  const csv = stringify({
    bom: true,
    header: true,
    columns: columns.map((column) => column.header),
    record_delimiter: 'windows',
  });
  // A read that fails mid-way ends the download (StreamableFile logs it) instead of leaving it hanging.
  source.on('error', (error) => csv.destroy(error));
  source.pipe(csv);
  return new StreamableFile(csv, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
}
