import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A centre's retention rule: erase the contacts of partners archived for this many months (1 to 120); NULL, the
 * default, keeps them until someone erases them by hand.
 */
export class ContactRetention1795860000002 implements MigrationInterface {
  name = 'ContactRetention1795860000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "centre" ADD "contact_retention_months" smallint`);
    await queryRunner.query(
      `ALTER TABLE "centre" ADD CONSTRAINT "centre_contact_retention_check" CHECK (contact_retention_months BETWEEN 1 AND 120)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "centre" DROP CONSTRAINT "centre_contact_retention_check"`);
    await queryRunner.query(`ALTER TABLE "centre" DROP COLUMN "contact_retention_months"`);
  }
}
