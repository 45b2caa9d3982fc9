import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each user's choice of reminder email: a daily digest (the default), a weekly one on Mondays, or none. */
export class DigestPreferences1795830000002 implements MigrationInterface {
  name = 'DigestPreferences1795830000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "digest" text NOT NULL DEFAULT 'daily'`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "app_user_digest_check" CHECK (digest IN ('daily', 'weekly', 'off'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_digest_check"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "digest"`);
  }
}
