import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../common/request-context.js';
import { allows, reachesAcrossCentres, type AccessPolicy } from './policy.js';

const actor = (role: Actor['role'], networkAdmin = false): Actor => ({
  userId: 'u',
  centreId: 'c',
  role,
  networkAdmin,
});

describe('allows', () => {
  const adminsOnly: AccessPolicy = { roles: ['admin'] };
  const adminsOrNetwork: AccessPolicy = { roles: ['admin'], networkAdmin: 'also' };
  const networkOnly: AccessPolicy = { networkAdmin: 'only' };

  it.each([
    ['public, anonymous', { public: true } as AccessPolicy, undefined, true],
    ['roles, anonymous', adminsOnly, undefined, false],
    ['roles, right role', adminsOnly, actor('admin'), true],
    ['roles, wrong role', adminsOnly, actor('manager'), false],
    ['roles, network admin with a wrong role gains nothing', adminsOnly, actor('coordinator', true), false],
    ['roles or network admin, network coordinator', adminsOrNetwork, actor('coordinator', true), true],
    ['network only, admin', networkOnly, actor('admin'), false],
    ['network only, network admin', networkOnly, actor('manager', true), true],
    ['no roles listed', {} as AccessPolicy, actor('admin'), false],
  ])('%s', (_name, policy, who, expected) => {
    expect(allows(policy, who)).toBe(expected);
  });

  it('lets a network admin reach other centres only on routes that say so', () => {
    expect(reachesAcrossCentres(adminsOrNetwork, actor('admin', true))).toBe(true);
    expect(reachesAcrossCentres(adminsOnly, actor('admin', true))).toBe(false);
    expect(reachesAcrossCentres(adminsOrNetwork, actor('admin'))).toBe(false);
  });
});
