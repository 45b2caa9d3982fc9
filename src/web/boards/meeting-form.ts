import type { FieldErrors } from '../../ui/view.js';
import type { FormBody } from '../forms.js';

/** The record-a-meeting form as posted: members ticked, their people ticked, other partners chosen. */
export interface MeetingFormValues {
  heldAt: string;
  title: string;
  notes: string;
  /** Ticked members' partner ids. */
  attendees: string[];
  /** Ticked people, each "partnerId:contactId". */
  attendeeContacts: string[];
  /** Partners chosen from the others' list. */
  otherAttendees: string[];
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function meetingValues(body: FormBody): MeetingFormValues {
  return {
    heldAt: text(body.heldAt),
    title: text(body.title),
    notes: text(body.notes),
    attendees: list(body.attendees),
    attendeeContacts: list(body.attendeeContacts),
    otherAttendees: list(body.otherAttendees),
  };
}

/** A ticked person's checkbox value. */
export function contactChoice(partnerId: string, contactId: string): string {
  return `${partnerId}:${contactId}`;
}

/**
 * The form as the API's body (CreateMeetingDto): one attendee per partner, ticked or chosen, with the people ticked
 * for it. A person ticked without their organisation brings it: they came for it.
 */
export function meetingBody(values: MeetingFormValues): {
  body: FormBody;
  attendees: { partnerId: string; contactIds?: string[] }[];
} {
  const people = new Map<string, string[]>();
  for (const choice of values.attendeeContacts) {
    const [partnerId, contactId] = choice.split(':');
    if (!partnerId || !contactId) continue;
    people.set(partnerId, [...(people.get(partnerId) ?? []), contactId]);
  }
  const partnerIds = [...new Set([...values.attendees, ...people.keys(), ...values.otherAttendees])];
  return {
    body: { heldAt: values.heldAt, title: values.title, notes: values.notes },
    attendees: partnerIds.map((partnerId) => {
      const contactIds = people.get(partnerId);
      return contactIds ? { partnerId, contactIds } : { partnerId };
    }),
  };
}

/** Errors about attendees (`attendees[1].contactIds`) shown once, at the attendance fieldset. */
export function meetingErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const name = field.startsWith('attendees') ? 'attendees' : field;
    out[name] ??= message;
  }
  return out;
}
