import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders about a board (meeting due: no partner) or a contact (yearly review), and the scan log behind
 * "last successful scan" on /health/ready and GET /api/v1/reminders/status.
 */
export class ReminderSubjects1795830000003 implements MigrationInterface {
  name = 'ReminderSubjects1795830000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder" ALTER COLUMN "partner_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "reminder" ADD "board_id" uuid`);
    await queryRunner.query(`ALTER TABLE "reminder" ADD "contact_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "reminder" ADD CONSTRAINT "reminder_subject_check" CHECK (partner_id IS NOT NULL OR board_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder" ADD CONSTRAINT "reminder_board_centre_fk" FOREIGN KEY ("centre_id", "board_id") REFERENCES "advisory_board"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder" ADD CONSTRAINT "reminder_contact_centre_fk" FOREIGN KEY ("centre_id", "contact_id") REFERENCES "contact"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminder_kind_open_idx" ON "reminder" ("centre_id", "kind") WHERE state IN ('pending', 'sent', 'snoozed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder_scan_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "as_of" date NOT NULL, "trigger" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due" integer NOT NULL, "created" integer NOT NULL, "resolved" integer NOT NULL, "emails" integer NOT NULL, CONSTRAINT "reminder_scan_run_trigger_check" CHECK ("trigger" IN ('schedule', 'admin', 'cli')), CONSTRAINT "PK_reminder_scan_run" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminder_scan_run_centre_idx" ON "reminder_scan_run" ("centre_id", "finished_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder_scan_run" ADD CONSTRAINT "reminder_scan_run_centre_fk" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reminder_scan_run"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_kind_open_idx"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP CONSTRAINT "reminder_contact_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP CONSTRAINT "reminder_board_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP CONSTRAINT "reminder_subject_check"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP COLUMN "contact_id"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP COLUMN "board_id"`);
    await queryRunner.query(`DELETE FROM "reminder" WHERE "partner_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "reminder" ALTER COLUMN "partner_id" SET NOT NULL`);
  }
}
