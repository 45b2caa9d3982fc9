import type { SelectQueryBuilder } from 'typeorm';
import { AdvisoryBoard } from '../boards/advisory-board.entity.js';
import type { CentreTx } from '../database/centre-scope.js';
import { Partner } from '../partners/partner.entity.js';
import { Reminder } from './reminder.entity.js';

/**
 * This centre's reminders (alias `r`) with the partner (`p`) or board (`b`) each is about: the joins and columns
 * every reminder list shares (id, kind, partnerId, partnerName, boardId, boardName, dueDate). Add columns with addSelect.
 */
export function remindersWithSubject(tx: CentreTx): SelectQueryBuilder<Reminder> {
  return tx
    .select(Reminder, 'r')
    .leftJoin(Partner, 'p', 'p.id = r.partner_id AND p.centre_id = r.centre_id')
    .leftJoin(AdvisoryBoard, 'b', 'b.id = r.board_id AND b.centre_id = r.centre_id')
    .select([
      'r.id AS id',
      'r.kind AS kind',
      'r.partner_id AS "partnerId"',
      'p.name AS "partnerName"',
      'r.board_id AS "boardId"',
      'b.name AS "boardName"',
    ])
    .addSelect(`to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate"`);
}
