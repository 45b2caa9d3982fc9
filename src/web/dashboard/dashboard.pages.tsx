import { WebController } from '../web-page.js';

/** The dashboard (/dashboard) and the network roll-up (/network). */
@WebController()
export class DashboardPages {}
