import { WebController } from '../web-page.js';

/** Partners (/partners, /partners/:id): list, create, edit, archive, the partner's page with contacts and timeline. */
@WebController()
export class PartnersPages {}
