import { WebController } from '../web-page.js';

/** My account (/account): name, password, digest frequency, language. */
@WebController()
export class AccountPages {}
