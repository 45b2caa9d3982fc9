import { describe, expect, it } from '@jest/globals';
import { PartnerMatcher, partnerNameKey, websiteDomainKey } from './partner-identity.js';

describe('partnerNameKey', () => {
  it.each([
    ['Telco Ltd.', 'telco'],
    ['TELCO', 'telco'],
    ['Télco  GmbH', 'telco'],
    ['Child Focus ASBL', 'child focus'],
    ['Child-Focus vzw', 'child focus'],
    ['SA Telco', 'telco'],
    ['Kids & Media S.A.', 'kids and media'],
    ['Kids and Media, SAS', 'kids and media'],
    ['Straße Verein e.V.', 'strasse verein'],
    ['Mediawijs', 'mediawijs'],
  ])('%s → %s', (name, key) => {
    expect(partnerNameKey(name)).toBe(key);
  });

  it('keeps a name that is only a legal form', () => {
    expect(partnerNameKey('S.A.')).toBe('s a');
    expect(partnerNameKey('Ltd')).toBe('ltd');
  });

  it('does not strip a legal form inside a word', () => {
    expect(partnerNameKey('Saltd')).toBe('saltd');
    expect(partnerNameKey('Bank AG Nord')).toBe('bank ag nord');
  });
});

describe('websiteDomainKey', () => {
  it.each([
    ['https://www.Telco.example/about', 'telco.example'],
    ['http://telco.example', 'telco.example'],
    ['telco.example/path?q=1', 'telco.example'],
    ['www2.telco.example', 'telco.example'],
    ['HTTPS://Sub.Telco.Example:8443/', 'sub.telco.example'],
  ])('%s → %s', (website, key) => {
    expect(websiteDomainKey(website)).toBe(key);
  });

  it.each([null, undefined, '', '   ', 'localhost', 'not a url at all'])('%p has no domain', (website) => {
    expect(websiteDomainKey(website)).toBeNull();
  });
});

describe('PartnerMatcher', () => {
  const matcher = new PartnerMatcher([
    { id: 'a', name: 'Telco Ltd', website: 'https://telco.example' },
    { id: 'b', name: 'Kids & Media', website: null },
  ]);

  it('matches by name first, then by domain', () => {
    expect(matcher.match({ name: 'TELCO', website: 'https://other.example' })).toEqual({
      partner: expect.objectContaining({ id: 'a' }),
      reason: 'name',
    });
    expect(matcher.match({ name: 'Telecom Holding', website: 'www.telco.example/x' })).toEqual({
      partner: expect.objectContaining({ id: 'a' }),
      reason: 'domain',
    });
    expect(matcher.match({ name: 'kids and media sa' })?.partner.id).toBe('b');
  });

  it('answers null when nothing matches', () => {
    expect(matcher.match({ name: 'Somebody Else', website: 'https://else.example' })).toBeNull();
  });
});
