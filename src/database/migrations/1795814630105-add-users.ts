import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddUsers1795814630105 implements MigrationInterface {
  name = 'AddUsers1795814630105';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "network_admin" boolean NOT NULL DEFAULT false, "password_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_role_check" CHECK (role IN ('admin', 'manager', 'coordinator')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    // Emails are unique whatever their case; TypeORM can't express an expression index, so it is written here.
    await queryRunner.query(`CREATE UNIQUE INDEX "app_user_email_key" ON "app_user" (lower("email"))`);
    await queryRunner.query(`CREATE INDEX "app_user_centre_idx" ON "app_user" ("centre_id")`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_563f7526cffa6981ceb13d05166" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_563f7526cffa6981ceb13d05166"`);
    await queryRunner.query(`DROP INDEX "app_user_centre_idx"`);
    await queryRunner.query(`DROP INDEX "app_user_email_key"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
  }
}
