import { AuditEvent } from './database/audit-event.entity.js';
import { AuthAttempt } from './auth/auth-attempt.entity.js';
import { PasswordReset } from './auth/password-reset.entity.js';
import { Session } from './auth/session.entity.js';
import { AdvisoryBoard, BoardMeeting, BoardMembership } from './boards/advisory-board.entity.js';
import { Centre } from './database/centre.entity.js';
import { Contact } from './contacts/contact.entity.js';
import { Engagement, EngagementContact, EngagementPartner } from './engagements/engagement.entity.js';
import { Partner } from './partners/partner.entity.js';
import { Reminder, ReminderScanRun } from './reminders/reminder.entity.js';
import { SidCampaign, SidRole } from './sid/sid.entity.js';
import { OutboxEmail } from './mail/outbox-email.entity.js';
import { OutboxSendAttempt } from './mail/outbox-send-attempt.entity.js';
import { User } from './auth/user.entity.js';

/** Every entity, listed once (ESM builds cannot rely on file globs). */
export const ENTITIES = [
  Centre,
  OutboxEmail,
  OutboxSendAttempt,
  User,
  Session,
  PasswordReset,
  AuthAttempt,
  AuditEvent,
  Partner,
  Contact,
  Engagement,
  EngagementPartner,
  EngagementContact,
  AdvisoryBoard,
  BoardMembership,
  BoardMeeting,
  SidCampaign,
  SidRole,
  Reminder,
  ReminderScanRun,
];
