import { describe, expect, it } from '@jest/globals';
import { duplicatePairs } from './partner-duplicates.js';

const p = (id: string, name: string, website: string | null = null) => ({ id, name, website, sector: 'ngo' });

describe('duplicatePairs', () => {
  it.each([
    ['no pair among different organisations', [p('1', 'Acme'), p('2', 'Bravo', 'https://bravo.example')], []],
    [
      'a name pair, ignoring case, accents and legal forms',
      [p('1', 'Télécom SA'), p('2', 'telecom')],
      [['name', '1', '2']],
    ],
    [
      'a domain pair, ignoring scheme, www and path',
      [p('1', 'Kids First', 'https://www.kids.example/a'), p('2', 'KF', 'kids.example')],
      [['domain', '1', '2']],
    ],
    [
      'the name as reason when name and domain both match',
      [p('1', 'Acme Ltd', 'acme.example'), p('2', 'ACME', 'http://acme.example')],
      [['name', '1', '2']],
    ],
    [
      'every pair of a group of three, the older record first',
      [p('1', 'Acme'), p('2', 'acme'), p('3', 'Acme GmbH')],
      [
        ['name', '1', '2'],
        ['name', '1', '3'],
        ['name', '2', '3'],
      ],
    ],
    ['no pair from missing or unreadable websites', [p('1', 'One', null), p('2', 'Two', 'not a site')], []],
  ])('%s', (_case, partners, expected) => {
    const pairs = duplicatePairs(partners).map((pair) => [pair.reason, pair.a.id, pair.b.id]);
    expect(pairs.sort()).toEqual(expected);
  });
});
