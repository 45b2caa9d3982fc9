import { WebController } from '../web-page.js';

/** Contacts logged (/engagements): the list with filters; edit and delete. */
@WebController()
export class EngagementsPages {}
