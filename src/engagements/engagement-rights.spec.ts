import { describe, expect, it } from '@jest/globals';
import { mayChangeEngagement } from './engagement-rights.js';

describe('mayChangeEngagement', () => {
  const me = 'user-me';
  it.each<[string, { userId: string; role: 'admin' | 'manager' | 'coordinator' } | undefined, string | null, boolean]>([
    ['a coordinator, their own', { userId: me, role: 'coordinator' }, me, true],
    ["a coordinator, another's", { userId: me, role: 'coordinator' }, 'someone-else', false],
    ['a coordinator, logged by nobody', { userId: me, role: 'coordinator' }, null, true],
    ["a manager, another's", { userId: me, role: 'manager' }, 'someone-else', true],
    ["an admin, another's", { userId: me, role: 'admin' }, 'someone-else', true],
    ['work without a user (a job)', undefined, 'someone-else', true],
  ])('%s', (_case, actor, loggedById, expected) => {
    expect(mayChangeEngagement(actor, loggedById)).toBe(expected);
  });
});
