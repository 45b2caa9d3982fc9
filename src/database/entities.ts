import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuthAttempt } from '../auth/auth-attempt.entity.js';
import { PasswordReset } from '../auth/password-reset.entity.js';
import { Session } from '../auth/session.entity.js';
import { Centre } from '../centres/centre.entity.js';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed once (ESM builds cannot rely on file globs). */
export const ENTITIES = [Centre, OutboxEmail, User, Session, PasswordReset, AuthAttempt, AuditEvent];
