import { describe, expect, it } from '@jest/globals';
import { SID_ROLE_STATUSES, type SidRoleStatus } from '../common/domain-values.js';
import {
  canDelete,
  refusalOf,
  SID_ROLE_INITIAL_STATUSES,
  transitionOf,
  type TransitionOutcome,
} from './sid-role-status.js';

/** Every (from, to) pair, written out by hand from the workflow. */
const TABLE: [SidRoleStatus, SidRoleStatus, TransitionOutcome][] = [
  ['invited', 'invited', 'unchanged'],
  ['invited', 'confirmed', 'allowed'],
  ['invited', 'declined', 'allowed'],
  ['invited', 'delivered', 'refused'],
  ['confirmed', 'invited', 'refused'],
  ['confirmed', 'confirmed', 'unchanged'],
  ['confirmed', 'delivered', 'allowed'],
  ['confirmed', 'declined', 'allowed'],
  ['declined', 'invited', 'allowed'],
  ['declined', 'confirmed', 'refused'],
  ['declined', 'delivered', 'refused'],
  ['declined', 'declined', 'unchanged'],
  ['delivered', 'invited', 'refused'],
  ['delivered', 'confirmed', 'refused'],
  ['delivered', 'declined', 'refused'],
  ['delivered', 'delivered', 'unchanged'],
];

describe('SID role transitions', () => {
  it('the table covers every pair of statuses once', () => {
    const pairs = new Set(TABLE.map(([from, to]) => `${from}→${to}`));
    expect(pairs.size).toBe(SID_ROLE_STATUSES.length ** 2);
    for (const from of SID_ROLE_STATUSES)
      for (const to of SID_ROLE_STATUSES) expect(pairs.has(`${from}→${to}`)).toBe(true);
  });

  it.each(TABLE)('%s → %s is %s', (from, to, expected) => {
    expect(transitionOf(from, to)).toBe(expected);
  });

  it.each(TABLE.filter(([, , outcome]) => outcome === 'refused'))(
    'the refusal of %s → %s names both statuses',
    (from, to) => {
      const message = refusalOf(from, to);
      expect(message).toContain(`from ${from} to ${to}`);
    },
  );

  it('says delivered is final', () => {
    expect(refusalOf('delivered', 'invited')).toContain('delivered is final');
  });

  it.each([
    ['invited', true],
    ['declined', true],
    ['confirmed', false],
    ['delivered', false],
  ] as [SidRoleStatus, boolean][])('a %s role can be deleted: %p', (status, expected) => {
    expect(canDelete(status)).toBe(expected);
  });

  it('starts a new role as invited or confirmed only', () => {
    expect([...SID_ROLE_INITIAL_STATUSES]).toEqual(['invited', 'confirmed']);
  });
});
