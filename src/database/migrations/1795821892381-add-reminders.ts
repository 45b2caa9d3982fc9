import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReminders1795821892381 implements MigrationInterface {
  name = 'AddReminders1795821892381';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reminder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "engagement_id" uuid, "kind" text NOT NULL, "due_date" date NOT NULL, "state" text NOT NULL DEFAULT 'pending', "snoozed_until" date, "done_at" TIMESTAMP WITH TIME ZONE, "dedupe_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reminder_state_check" CHECK (state IN ('pending', 'sent', 'done', 'snoozed', 'cancelled')), CONSTRAINT "reminder_kind_check" CHECK (kind IN ('cadence_overdue', 'follow_up_due', 'sid_invitation', 'sid_thank_you', 'keep_warm', 'board_term_ending', 'board_meeting_due', 'contact_review')), CONSTRAINT "PK_9ec029d17cb8dece186b9221ede" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "reminder_partner_idx" ON "reminder"  ("centre_id", "partner_id") `);
    await queryRunner.query(
      `CREATE INDEX "reminder_recipient_idx" ON "reminder"  ("centre_id", "recipient_id", "state", "due_date") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "reminder_dedupe_key" ON "reminder"  ("dedupe_key") `);
    await queryRunner.query(
      `ALTER TABLE "reminder" ADD CONSTRAINT "reminder_recipient_centre_fk" FOREIGN KEY ("centre_id", "recipient_id") REFERENCES "app_user"("centre_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder" ADD CONSTRAINT "reminder_partner_centre_fk" FOREIGN KEY ("centre_id", "partner_id") REFERENCES "partner"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder" ADD CONSTRAINT "reminder_engagement_centre_fk" FOREIGN KEY ("centre_id", "engagement_id") REFERENCES "engagement"("centre_id", "id") ON DELETE SET NULL ("engagement_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder" DROP CONSTRAINT "reminder_engagement_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP CONSTRAINT "reminder_partner_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder" DROP CONSTRAINT "reminder_recipient_centre_fk"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_recipient_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_partner_idx"`);
    await queryRunner.query(`DROP TABLE "reminder"`);
  }
}
