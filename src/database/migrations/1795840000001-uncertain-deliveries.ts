import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows handed over to the mail server whose answer is not on record yet ('sending'), rows held for an
 * admin after an unknown outcome ('uncertain'), and how often a row's outcome was unknown. The send log gains
 * the matching outcomes.
 *
 * Rows the previous version recorded as sent but whose send log still waits for the server ("Recorded as sent;
 * waiting for the server to accept the message": the worker died between its commit and the final dot, so the
 * email was most likely never delivered) become what they are: handed over, outcome unknown. Those from the last
 * day are 'sending', and a worker applies MAIL_UNCERTAIN_DELIVERY to them (by default, sends them again); older
 * ones are held as 'uncertain' for an admin, since a reminder resent weeks late may do more harm than good.
 */
export class UncertainDeliveries1795840000001 implements MigrationInterface {
  name = 'UncertainDeliveries1795840000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_email" DROP CONSTRAINT "outbox_email_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_email" ADD CONSTRAINT "outbox_email_status_check" CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain'))`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_email" ADD "uncertain_deliveries" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `CREATE INDEX "outbox_email_sending_idx" ON "outbox_email" ("updated_at") WHERE status = 'sending'`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_send_attempt" DROP CONSTRAINT "outbox_send_attempt_outcome_check"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_send_attempt" ADD CONSTRAINT "outbox_send_attempt_outcome_check" CHECK (outcome IN ('handed-over', 'sent', 'retry', 'failed', 'uncertain'))`,
    );
    await queryRunner.query(
      `UPDATE "outbox_send_attempt" a SET outcome = 'handed-over' FROM "outbox_email" o
        WHERE a.outbox_id = o.id AND o.status = 'sent' AND a.outcome = 'sent' AND a.finished_at IS NULL`,
    );
    await queryRunner.query(
      `UPDATE "outbox_email" o SET status = 'sending', sent_at = NULL FROM "outbox_send_attempt" a
        WHERE a.outbox_id = o.id AND a.outcome = 'handed-over' AND o.status = 'sent' AND a.started_at >= now() - interval '1 day'`,
    );
    await queryRunner.query(
      `WITH unconfirmed AS (
         UPDATE "outbox_send_attempt" a SET outcome = 'uncertain', finished_at = now(),
                detail = 'Outcome unknown (recorded as sent before the end of the message, which may never have been written). Held for an admin'
           FROM "outbox_email" o
          WHERE a.outbox_id = o.id AND a.outcome = 'handed-over' AND o.status = 'sent'
         RETURNING a.outbox_id
       )
       UPDATE "outbox_email" o SET status = 'uncertain', sent_at = NULL, uncertain_deliveries = uncertain_deliveries + 1 FROM unconfirmed u WHERE o.id = u.outbox_id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Without the new states, a row whose outcome is unknown goes back to pending: sent again rather than lost.
    await queryRunner.query(
      `UPDATE "outbox_send_attempt" SET outcome = 'retry' WHERE outcome IN ('handed-over', 'uncertain')`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_send_attempt" DROP CONSTRAINT "outbox_send_attempt_outcome_check"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_send_attempt" ADD CONSTRAINT "outbox_send_attempt_outcome_check" CHECK (outcome IN ('sent', 'retry', 'failed'))`,
    );
    await queryRunner.query(`DROP INDEX "public"."outbox_email_sending_idx"`);
    await queryRunner.query(`ALTER TABLE "outbox_email" DROP COLUMN "uncertain_deliveries"`);
    await queryRunner.query(`UPDATE "outbox_email" SET status = 'pending' WHERE status IN ('sending', 'uncertain')`);
    await queryRunner.query(`ALTER TABLE "outbox_email" DROP CONSTRAINT "outbox_email_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_email" ADD CONSTRAINT "outbox_email_status_check" CHECK (status IN ('pending', 'sent', 'failed'))`,
    );
  }
}
