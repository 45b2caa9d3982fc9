import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { detectEncoding, detectSeparator, readHeader, UnreadableCsv } from './partner-csv.reader.js';

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 with accents', Buffer.from('name\nÉcole\n', 'utf8'), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.from('\uFEFFname\n', 'utf8'), 'utf-8'],
    ['plain ASCII', Buffer.from('name,sector\n'), 'utf-8'],
    ['Windows-1252 accents and €', iconv.encode('name\nCrèche Hélène €\n', 'win1252'), 'windows-1252'],
  ])('reads %s', (_label, bytes, encoding) => {
    expect(detectEncoding(bytes)).toBe(encoding);
  });

  it.each([
    [
      'UTF-16 (little-endian BOM)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name', 'utf16le')]),
      /UTF-16/,
    ],
    ['binary with NUL bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), /neither UTF-8 nor Windows-1252/],
    ['bytes unassigned in Windows-1252', Buffer.from([0x41, 0x81, 0x42]), /neither UTF-8 nor Windows-1252/],
  ])('refuses %s', (_label, bytes, message) => {
    expect(() => detectEncoding(bytes)).toThrow(message);
  });
});

describe('detectSeparator', () => {
  it.each([
    ['name,sector\nA;B,education\n', ','],
    ['name;sector;notes\nA,B;education;x\n', ';'],
    ['"name;x",sector\n', ','],
    ['name\n', ','],
  ])('%j → %s', (text, separator) => {
    expect(detectSeparator(text)).toBe(separator);
  });
});

describe('readHeader', () => {
  it('maps names ignoring case, accents and punctuation, with the synonyms, and lists unknown columns', () => {
    const header = readHeader([
      'Organisation',
      'SECTOR',
      'Site',
      'Contact e-mail',
      'Téléphone',
      '',
      'contact_job_title',
    ]);
    expect(header.fields).toEqual(['name', 'sector', 'website', 'contactEmail', null, null, 'contactJobTitle']);
    expect(header.columnOf).toMatchObject({ name: 'Organisation', website: 'Site' });
    expect(header.unknownColumns).toEqual(['Téléphone']);
  });

  it('names every problem of row 1: a repeated field and the missing required columns', () => {
    try {
      readHeader(['Partner', 'Organization', 'tier']);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableCsv);
      expect((error as UnreadableCsv).problems).toEqual([
        { row: 1, column: 'Organization', message: 'The column "Organization" repeats "Partner" (name)' },
        { row: 1, column: 'sector', message: 'The required column "sector" is missing from the header' },
      ]);
    }
  });
});
