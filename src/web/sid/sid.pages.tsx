import { WebController } from '../web-page.js';

/** The SID campaign (/sid, /sid/:year): partners invited, confirmed, delivered, declined. */
@WebController()
export class SidPages {}
