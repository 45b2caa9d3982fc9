import { WebController } from '../web-page.js';

/** Advisory boards (/advisory-boards, /advisory-boards/:id): members, meetings, sector coverage. */
@WebController()
export class BoardsPages {}
