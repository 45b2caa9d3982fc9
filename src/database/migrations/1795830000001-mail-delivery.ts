import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The send log (one row per delivery attempt) and the index behind the admins' outbox list. */
export class MailDelivery1795830000001 implements MigrationInterface {
  name = 'MailDelivery1795830000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_send_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "outbox_id" uuid NOT NULL, "centre_id" uuid, "attempt" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" text NOT NULL, "detail" text, CONSTRAINT "outbox_send_attempt_outcome_check" CHECK (outcome IN ('sent', 'retry', 'failed')), CONSTRAINT "PK_f1c66adfc903924d0b3643f008e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_send_attempt_outbox_idx" ON "outbox_send_attempt" ("outbox_id", "attempt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_send_attempt" ADD CONSTRAINT "FK_93206459669d52dd490cd376cca" FOREIGN KEY ("outbox_id") REFERENCES "outbox_email"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_send_attempt" ADD CONSTRAINT "FK_67c6a7e8e7825ac5b1ed394e1d9" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "outbox_email_centre_idx" ON "outbox_email" ("centre_id", "created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_email_centre_idx"`);
    await queryRunner.query(`ALTER TABLE "outbox_send_attempt" DROP CONSTRAINT "FK_67c6a7e8e7825ac5b1ed394e1d9"`);
    await queryRunner.query(`ALTER TABLE "outbox_send_attempt" DROP CONSTRAINT "FK_93206459669d52dd490cd376cca"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_send_attempt_outbox_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_send_attempt"`);
  }
}
