import { Centre } from '../centres/centre.entity.js';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed once (ESM builds cannot rely on file globs). */
export const ENTITIES = [Centre, OutboxEmail, User];
