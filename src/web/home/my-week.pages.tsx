import { WebController } from '../web-page.js';

/** My week (/): the signed-in user's reminders, partners due soon and a quick log-a-contact form. */
@WebController()
export class MyWeekPages {}
