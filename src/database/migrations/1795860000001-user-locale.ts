import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's own language for pages and emails; NULL follows the browser, then the centre. */
export class UserLocale1795860000001 implements MigrationInterface {
  name = 'UserLocale1795860000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "locale" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "locale"`);
  }
}
