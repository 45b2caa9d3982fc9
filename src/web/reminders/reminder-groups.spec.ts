import { describe, expect, it } from '@jest/globals';
import { dueBy, groupByKind, readReminderFilters, subjectOf, type ReminderItem } from './reminder-groups.js';

function item(
  id: string,
  kind: ReminderItem['kind'],
  dueDate: string,
  extra: Partial<ReminderItem> = {},
): ReminderItem {
  return {
    id,
    kind,
    partnerId: `p-${id}`,
    partnerName: `Partner ${id}`,
    boardId: null,
    boardName: null,
    dueDate,
    state: 'pending',
    snoozedUntil: null,
    ...extra,
  };
}

describe('groupByKind', () => {
  it('groups as the digest does: kinds in their urgency order, the oldest due first, then by name', () => {
    const groups = groupByKind([
      item('a', 'cadence_overdue', '2027-05-10'),
      item('b', 'follow_up_due', '2027-05-12'),
      item('c', 'contact_review', '2027-05-01'),
      item('d', 'follow_up_due', '2027-05-03', { partnerName: 'Zed' }),
      item('e', 'follow_up_due', '2027-05-03', { partnerName: 'Acme' }),
      item('f', 'board_meeting_due', '2027-05-02', {
        partnerId: null,
        partnerName: null,
        boardId: 'b1',
        boardName: 'Youth panel',
      }),
    ]);
    expect(groups.map((g) => [g.kind, g.items.map((i) => i.id)])).toEqual([
      ['follow_up_due', ['e', 'd', 'b']],
      ['cadence_overdue', ['a']],
      ['board_meeting_due', ['f']],
      ['contact_review', ['c']],
    ]);
  });

  it('gives nothing for nothing', () => {
    expect(groupByKind([])).toEqual([]);
  });
});

describe('dueBy', () => {
  it('keeps what is due by the day and not snoozed', () => {
    const items = [
      item('today', 'follow_up_due', '2027-05-12'),
      item('late', 'follow_up_due', '2027-04-30'),
      item('later', 'follow_up_due', '2027-05-20'),
      item('snoozed', 'follow_up_due', '2027-05-01', { state: 'snoozed', snoozedUntil: '2027-05-19' }),
    ];
    expect(dueBy(items, '2027-05-19').map((i) => i.id)).toEqual(['today', 'late']);
  });
});

describe('subjectOf', () => {
  it('links a partner, a board, or nothing', () => {
    expect(subjectOf(item('x', 'keep_warm', '2027-05-12'))).toEqual({ name: 'Partner x', href: '/partners/p-x' });
    expect(
      subjectOf(item('y', 'board_meeting_due', '2027-05-12', { partnerId: null, boardId: 'b', boardName: 'Board' })),
    ).toEqual({ name: 'Board', href: '/advisory-boards/b' });
    expect(subjectOf(item('z', 'keep_warm', '2027-05-12', { partnerId: null }))).toEqual({ name: null, href: null });
  });
});

describe('readReminderFilters', () => {
  const someone = '6f1c2a52-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

  it.each([
    [{}, true, { person: 'me', page: 1 }],
    [
      { person: 'all', kind: 'keep_warm', state: 'done', page: '3' },
      true,
      { person: 'all', kind: 'keep_warm', state: 'done', page: 3 },
    ],
    [{ person: someone.toUpperCase() }, true, { person: someone, page: 1 }],
    [{ person: someone }, false, { person: 'me', page: 1 }],
    [{ person: 'all' }, false, { person: 'me', page: 1 }],
    [{ person: 'nobody', kind: 'party', state: 'lost', page: '-2' }, true, { person: 'me', page: 1 }],
    [{ page: '2.5' }, true, { person: 'me', page: 1 }],
    [{ kind: ['keep_warm', 'x'] }, true, { person: 'me', page: 1 }],
  ])('reads %j (sees everyone: %s)', (query, seesEveryone, expected) => {
    expect(readReminderFilters(query, seesEveryone)).toEqual({ kind: undefined, state: undefined, ...expected });
  });
});
