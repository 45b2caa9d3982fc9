import { describe, expect, it } from '@jest/globals';
import { meetingBody, meetingErrors, meetingValues } from './meeting-form.js';

describe('the record-a-meeting form', () => {
  it('makes one attendee per partner, ticked or chosen, with the people ticked for it', () => {
    const values = meetingValues({
      _csrf: 'token',
      heldAt: '2027-05-10',
      title: 'Spring meeting',
      notes: '',
      attendees: ['p1', 'p2'],
      attendeeContacts: ['p1:c1', 'p1:c2', 'p3:c3'],
      otherAttendees: 'p4',
    });
    expect(meetingBody(values)).toEqual({
      body: { heldAt: '2027-05-10', title: 'Spring meeting', notes: '' },
      attendees: [
        { partnerId: 'p1', contactIds: ['c1', 'c2'] },
        { partnerId: 'p2' },
        { partnerId: 'p3', contactIds: ['c3'] },
        { partnerId: 'p4' },
      ],
    });
  });

  it('lists a partner once, ticked and chosen again', () => {
    const values = meetingValues({ attendees: 'p1', otherAttendees: ['p1', ''] });
    expect(meetingBody(values).attendees).toEqual([{ partnerId: 'p1' }]);
  });

  it('has no attendees when nothing is ticked (the DTO then says at least one)', () => {
    expect(meetingBody(meetingValues({ title: 'x' })).attendees).toEqual([]);
  });

  it("shows every attendee's error once, at the attendance", () => {
    expect(
      meetingErrors({
        heldAt: 'Heldat cannot be in the future',
        'attendees[1].partnerId': 'Is an archived partner',
        'attendees[2].contactIds': 'Not a contact',
      }),
    ).toEqual({ heldAt: 'Heldat cannot be in the future', attendees: 'Is an archived partner' });
  });
});
