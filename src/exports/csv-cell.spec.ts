import { describe, expect, it } from '@jest/globals';
import { csvCell, neutraliseCell } from './csv-cell.js';

describe('neutraliseCell', () => {
  it.each(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (text) => {
    expect(neutraliseCell(text)).toBe(`'${text}`);
  });

  it.each(['Ada', '', ' =1', "'=1", 'a=b', '2026-03-01', 'Émile'])('leaves %j alone', (text) => {
    expect(neutraliseCell(text)).toBe(text);
  });
});

describe('csvCell', () => {
  it('writes nothing for null, ISO 8601 for dates, numbers and booleans as they are', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(false)).toBe('false');
  });

  it('joins lists and neutralises text', () => {
    expect(csvCell(['a', 'b'])).toBe('a; b');
    expect(csvCell(['=x', 'b'])).toBe("'=x; b");
    expect(csvCell('-1')).toBe("'-1");
  });
});
