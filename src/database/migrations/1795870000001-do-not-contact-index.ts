import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may get reminder mail (digest.query's mailableSql) looks for a do-not-contact contact with the user's
 * address, once per reminder a digest reports. With no index to find the centre's few do-not-contact contacts,
 * each look read every contact of the centre: a first scan reporting 1,400 reminders in a centre of 6,000 contacts
 * read 8.5M rows, 1.2 s alone and 3 to 5 s with other centres' scans beside it, most of the first run of the
 * network's scan (bench/scan-only.mjs). A partial index over those contacts makes each look a probe of a few rows.
 */
export class DoNotContactIndex1795870000001 implements MigrationInterface {
  name = 'DoNotContactIndex1795870000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "contact_do_not_contact_idx" ON "contact" ("centre_id") WHERE do_not_contact`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "contact_do_not_contact_idx"`);
  }
}
