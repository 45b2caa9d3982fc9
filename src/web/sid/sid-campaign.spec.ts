import { describe, expect, it } from '@jest/globals';
import type { SidRoleKind, SidRoleStatus } from '../../common/domain-values.js';
import type { SidRoleResponse } from '../../sid/dto/sid-role.dto.js';
import { notYetInvited, rolesByStatus } from './sid-campaign.js';

let next = 0;
function role(partnerId: string, partnerName: string, year: number, kind: SidRoleKind, status: SidRoleStatus) {
  const at = '2027-01-01T00:00:00.000Z';
  return {
    id: `r${next++}`,
    partnerId,
    partnerName,
    year,
    role: kind,
    status,
    notes: null,
    statusChangedAt: at,
    createdAt: at,
    updatedAt: at,
  } satisfies SidRoleResponse;
}

describe('rolesByStatus', () => {
  it('puts every role in its column, keeping the order, with empty columns present', () => {
    const roles = [
      role('a', 'Acme', 2028, 'sponsor', 'confirmed'),
      role('b', 'Bee', 2028, 'speaker', 'invited'),
      role('c', 'Cee', 2028, 'media', 'confirmed'),
    ];
    const columns = rolesByStatus(roles);
    expect(columns.invited.map((r) => r.partnerName)).toEqual(['Bee']);
    expect(columns.confirmed.map((r) => r.partnerName)).toEqual(['Acme', 'Cee']);
    expect(columns.delivered).toEqual([]);
    expect(columns.declined).toEqual([]);
  });
});

describe('notYetInvited', () => {
  const current = [
    { id: 'a', name: 'Acme', status: 'active' },
    { id: 'b', name: 'Bee', status: 'active' },
    { id: 'z', name: 'Zed', status: 'paused' },
    { id: 'f', name: 'Former', status: 'former' },
  ];

  it("lists last year's partners without a role this year, by name, their furthest role first", () => {
    const lastYear = [
      role('z', 'Zed', 2027, 'speaker', 'declined'),
      role('b', 'Bee', 2027, 'media', 'invited'),
      role('b', 'Bee', 2027, 'sponsor', 'delivered'),
      role('a', 'Acme', 2027, 'supporter', 'delivered'),
    ];
    const thisYear = [role('a', 'Acme', 2028, 'sponsor', 'invited')];
    expect(notYetInvited(lastYear, thisYear, current)).toEqual([
      {
        partnerId: 'b',
        partnerName: 'Bee',
        roles: [
          { role: 'sponsor', status: 'delivered' },
          { role: 'media', status: 'invited' },
        ],
      },
      { partnerId: 'z', partnerName: 'Zed', roles: [{ role: 'speaker', status: 'declined' }] },
    ]);
  });

  it('leaves out archived (not current) and former partners', () => {
    const lastYear = [
      role('gone', 'Gone', 2027, 'sponsor', 'delivered'),
      role('f', 'Former', 2027, 'media', 'delivered'),
    ];
    expect(notYetInvited(lastYear, [], current)).toEqual([]);
  });
});
