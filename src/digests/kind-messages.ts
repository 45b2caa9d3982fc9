import type { ReminderKind } from '../reminders/reminder.entity.js';
import type { MessageKey } from '../ui/i18n/catalogue.js';

/** How the emails and the link pages name one reminder of each kind. */
export const KIND_LABELS = {
  follow_up_due: 'email.kind.followUpDue',
  cadence_overdue: 'email.kind.cadenceOverdue',
  board_term_ending: 'email.kind.boardTermEnding',
  board_meeting_due: 'email.kind.boardMeetingDue',
  sid_invitation: 'email.kind.sidInvitation',
  sid_thank_you: 'email.kind.sidThankYou',
  keep_warm: 'email.kind.keepWarm',
  contact_review: 'email.kind.contactReview',
} satisfies Record<ReminderKind, MessageKey>;

/** A digest's heading over the reminders of one kind. */
export const KIND_HEADINGS = {
  follow_up_due: 'email.kindGroup.followUpDue',
  cadence_overdue: 'email.kindGroup.cadenceOverdue',
  board_term_ending: 'email.kindGroup.boardTermEnding',
  board_meeting_due: 'email.kindGroup.boardMeetingDue',
  sid_invitation: 'email.kindGroup.sidInvitation',
  sid_thank_you: 'email.kindGroup.sidThankYou',
  keep_warm: 'email.kindGroup.keepWarm',
  contact_review: 'email.kindGroup.contactReview',
} satisfies Record<ReminderKind, MessageKey>;
