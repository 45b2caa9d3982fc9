import { describe, expect, it } from '@jest/globals';
import { UpdateEngagementDto, type EngagementResponse } from '../../engagements/dto/engagement.dto.js';
import { translator } from '../../ui/i18n/translator.js';
import { readForm } from '../forms.js';
import { editedBody, postedValues, valuesOf } from './engagement-form.js';

const engagement = (extra: Partial<EngagementResponse> = {}): EngagementResponse => ({
  id: 'e1',
  partnerIds: ['p1'],
  contactIds: [],
  type: 'call',
  occurredAt: '2027-05-10T22:30:00.000Z', // 11 May in Brussels
  summary: 'Call',
  notes: 'Old notes',
  outcome: null,
  followUpAt: '2027-06-01',
  sidYear: null,
  loggedById: 'u1',
  boardMeetingId: null,
  createdAt: '2027-05-10T22:30:00.000Z',
  updatedAt: '2027-05-10T22:30:00.000Z',
  ...extra,
});

describe('the edit form of an engagement', () => {
  const zone = 'Europe/Brussels';

  it("shows the day in the centre's calendar", () => {
    expect(valuesOf(engagement(), zone)).toMatchObject({ occurredAt: '2027-05-11', notes: 'Old notes', sidYear: '' });
  });

  it('leaves an unchanged day out (it would move the time to noon), clears emptied fields, reads numbers', async () => {
    const body = {
      type: 'call',
      occurredAt: '2027-05-11',
      partnerIds: 'p1',
      summary: 'Call',
      notes: '',
      outcome: 'Agreed',
      followUpAt: ' ',
      sidYear: '2027',
    };
    const edited = editedBody(body, engagement(), zone);
    expect(edited).toEqual({
      body: {
        type: 'call',
        partnerIds: 'p1',
        summary: 'Call',
        notes: '',
        outcome: 'Agreed',
        followUpAt: ' ',
        sidYear: '2027',
      },
      extra: { notes: null, followUpAt: null },
      lists: ['partnerIds'],
    });
    // The number is read as UpdateEngagementDto declares it (number | null), by readForm.
    const form = await readForm(UpdateEngagementDto, { sidYear: edited.body.sidYear }, translator('en'));
    expect(form).toMatchObject({ ok: true, dto: { sidYear: 2027 } });
  });

  it('sends a changed day, and an emptied summary as empty (refused as the API refuses it)', () => {
    const edited = editedBody({ occurredAt: '2027-05-09', summary: '' }, engagement(), zone);
    expect(edited.body.occurredAt).toBe('2027-05-09');
    expect(edited.extra).toEqual({ summary: '' });
  });

  it('leaves out what a board meeting decides for its engagements', () => {
    const edited = editedBody(
      { type: 'meeting', occurredAt: '2027-05-01', partnerIds: ['p2'], summary: 'Notes' },
      engagement({ type: 'board_meeting', boardMeetingId: 'm1' }),
      zone,
    );
    expect(edited).toEqual({ body: { summary: 'Notes' }, extra: {}, lists: [] });
  });

  it('shows what was posted again, and the rest as it was', () => {
    const current = valuesOf(engagement(), zone);
    expect(postedValues({ summary: '', partnerIds: ['p1', 'p2'] }, current)).toEqual({
      ...current,
      summary: '',
      partnerIds: ['p1', 'p2'],
    });
  });
});
