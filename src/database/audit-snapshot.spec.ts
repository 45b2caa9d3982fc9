import { describe, expect, it } from '@jest/globals';
import { auditSnapshot, changedFields, PERSONAL, REDACTED } from './audit-snapshot.js';

describe('auditSnapshot', () => {
  it.each([
    ['password', 'hunter2-hunter2'],
    ['passwordHash', '$argon2id$v=19$m=19456'],
    ['accessToken', 'abc.def'],
    ['csrfToken', 'xyz'],
    ['clientSecret', 's3cret'],
  ])('redacts %s', (field, value) => {
    expect(auditSnapshot({ id: '1', [field]: value })).toEqual({ id: '1', [field]: REDACTED });
  });

  it('keeps fields that only mention a password, such as when it changed', () => {
    const changed = new Date('2026-11-27T10:00:00Z');
    expect(auditSnapshot({ passwordChangedAt: changed })).toEqual({ passwordChangedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('turns dates into ISO strings, keeps arrays and nested settings, and leaves out loaded relations', () => {
    const snapshot = auditSnapshot({
      name: 'Centre',
      sectors: ['media', 'ngo'],
      cadence: { defaultDays: 90, byTier: { key: 30 } },
      centre: { id: 'c1', name: 'Loaded relation' },
      createdAt: new Date('2026-01-01T00:00:00Z'),
      missing: undefined,
    });
    expect(snapshot).toEqual({
      name: 'Centre',
      sectors: ['media', 'ngo'],
      cadence: { defaultDays: 90, byTier: { key: 30 } },
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('changedFields', () => {
  it('lists the fields that differ, ignoring updatedAt', () => {
    expect(
      changedFields({ name: 'a', role: 'coordinator', updatedAt: '1' }, { name: 'a', role: 'manager', updatedAt: '2' }),
    ).toEqual(['role']);
    expect(changedFields({ tags: ['x'] }, { tags: ['x'] })).toEqual([]);
  });
});

describe('personal data of contacts', () => {
  it("records that a contact's personal fields are set, not their values", () => {
    expect(
      auditSnapshot({ id: 'c1', name: 'Zoë Dupré', email: 'zoe@example.org', phone: null, primary: true }, 'contact'),
    ).toEqual({
      id: 'c1',
      name: PERSONAL,
      email: PERSONAL,
      phone: null,
      primary: true,
    });
    expect(auditSnapshot({ name: 'Telco' }, 'partner')).toEqual({ name: 'Telco' });
  });
});
