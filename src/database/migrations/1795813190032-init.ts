import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795813190032 implements MigrationInterface {
  name = 'Init1795813190032';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "centre" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "country" character(2) NOT NULL, "timezone" text NOT NULL, "locale" text NOT NULL DEFAULT 'en', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_935b270f171eab8dc96443baeb3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_email" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid, "recipient" text NOT NULL, "subject" text NOT NULL, "text" text NOT NULL, "html" text, "headers" jsonb NOT NULL DEFAULT '{}'::jsonb, "dedupe_key" text, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "message_id" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c497cf2985f02a2e5989a4a096e" UNIQUE ("dedupe_key"), CONSTRAINT "outbox_email_status_check" CHECK (status IN ('pending', 'sent', 'failed')), CONSTRAINT "PK_b55f4d8ab961614aa75da7a668d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_email_pending_idx" ON "outbox_email"  ("created_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_email" ADD CONSTRAINT "FK_39a1d49301101ccf831b231512f" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_email" DROP CONSTRAINT "FK_39a1d49301101ccf831b231512f"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_email_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_email"`);
    await queryRunner.query(`DROP TABLE "centre"`);
  }
}
