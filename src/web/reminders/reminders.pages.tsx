import { WebController } from '../web-page.js';

/** Reminders (/reminders): mine, or everyone's for managers and admins; done and snooze in place. */
@WebController()
export class RemindersPages {}
