import type { ReminderKind } from './reminder.entity.js';

/** Most urgent first: a promised follow-up before a slipping cadence, a board seat before a yearly review. */
export const KIND_ORDER: readonly ReminderKind[] = [
  'follow_up_due',
  'cadence_overdue',
  'board_term_ending',
  'board_meeting_due',
  'sid_invitation',
  'sid_thank_you',
  'keep_warm',
  'contact_review',
];

/** How each kind is named: one reminder (`label`), and a group of them in a digest (`heading`). */
export const KIND_NAMES: Record<ReminderKind, { label: string; heading: string }> = {
  follow_up_due: { label: 'Follow-up due', heading: 'Follow-ups due' },
  cadence_overdue: { label: 'Overdue for contact', heading: 'Overdue for contact' },
  board_term_ending: { label: 'Board term ending', heading: 'Board terms ending' },
  board_meeting_due: { label: 'Board meeting due', heading: 'Board meetings due' },
  sid_invitation: { label: 'Safer Internet Day invitation', heading: 'Safer Internet Day invitations' },
  sid_thank_you: { label: 'Safer Internet Day thank-you', heading: 'Safer Internet Day thank-yous' },
  keep_warm: { label: 'Keep-warm touchpoint', heading: 'Keep-warm touchpoints' },
  contact_review: { label: 'Contact to review', heading: 'Contacts to review' },
};
