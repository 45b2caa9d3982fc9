import pg from 'pg';

interface ReminderRow {
  id: string;
  kind: string;
  subject: string;
  due: string;
  recipient: string;
  state: string;
}

interface Life {
  row: ReminderRow;
  /** Each state the reminder was seen in, from the day it was first seen in it: "sent 2027-03-12". */
  history: string[];
}

/**
 * The life of every reminder of a centre, as seen by a test that walks the days: which day each one first
 * appeared and each day its state changed. Reminder timestamps come from the database's clock, not the
 * test's, so the days come from when the test looked.
 */
export class ReminderLog {
  private readonly lives = new Map<string, Life>();

  constructor(
    private readonly db: pg.Client,
    private readonly centreId: string,
  ) {}

  /** Records what changed since the last look; returns how many reminders are new. */
  async record(day: string): Promise<number> {
    let created = 0;
    for (const row of await this.rows()) {
      const life = this.lives.get(row.id);
      if (!life) {
        this.lives.set(row.id, { row, history: [`${row.state} ${day}`] });
        created++;
      } else if (life.row.state !== row.state) {
        life.row = row;
        life.history.push(`${row.state} ${day}`);
      }
    }
    return created;
  }

  /** Every reminder and its state now, to compare two looks on the same day. */
  async states(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.rows()).map((row) => [row.id, row.state]));
  }

  /** One line per reminder ever seen: "kind subject due D to recipient: state day, state day…", sorted. */
  summary(): string[] {
    return [...this.lives.values()]
      .map(({ row, history }) => `${row.kind} ${row.subject} due ${row.due} to ${row.recipient}: ${history.join(', ')}`)
      .sort();
  }

  private async rows(): Promise<ReminderRow[]> {
    const result = await this.db.query<ReminderRow>(
      `SELECT r.id, r.kind, COALESCE(p.name, b.name) AS subject, to_char(r.due_date, 'YYYY-MM-DD') AS due, u.name AS recipient, r.state
        FROM reminder r
        JOIN app_user u ON u.id = r.recipient_id
        LEFT JOIN partner p ON p.id = r.partner_id
        LEFT JOIN advisory_board b ON b.id = r.board_id
        WHERE r.centre_id = $1`,
      [this.centreId],
    );
    return result.rows;
  }
}
