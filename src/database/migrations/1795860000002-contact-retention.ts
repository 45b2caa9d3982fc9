import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A centre's retention rule: erase the contacts of partners archived for this many months (1 to 120); NULL, the
 * default, keeps them until someone erases them by hand. And an erased contact's address, kept only as a SHA-256
 * of its lower-case form, so that the do-not-contact rule still keeps it from reminder mail once it is cleared.
 */
export class ContactRetention1795860000002 implements MigrationInterface {
  name = 'ContactRetention1795860000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "centre" ADD "contact_retention_months" smallint`);
    await queryRunner.query(
      `ALTER TABLE "centre" ADD CONSTRAINT "centre_contact_retention_check" CHECK (contact_retention_months BETWEEN 1 AND 120)`,
    );
    await queryRunner.query(`ALTER TABLE "contact" ADD "erased_email_hash" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "erased_email_hash"`);
    await queryRunner.query(`ALTER TABLE "centre" DROP CONSTRAINT "centre_contact_retention_check"`);
    await queryRunner.query(`ALTER TABLE "centre" DROP COLUMN "contact_retention_months"`);
  }
}
