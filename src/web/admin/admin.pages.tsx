import { WebController } from '../web-page.js';

/** Admin (/admin/users, /admin/settings, /admin/mail, /admin/audit). */
@WebController()
export class AdminPages {}
