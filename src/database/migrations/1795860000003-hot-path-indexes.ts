import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner list filtered by sector (its most used filter) read every partner of the centre through
 * (centre_id, owner_id) and dropped the other sectors and the archived ones row by row; its count did the same.
 * An index on (centre_id, sector) over the current partners finds them directly. Measured on 10 centres of 2,000
 * partners (EXPLAIN ANALYZE, median of 60 runs of the prepared statements): the count 0.57 → 0.06 ms, the page of
 * 50 sorted by next contact due 1.23 → 0.93 ms.
 */
export class HotPathIndexes1795860000003 implements MigrationInterface {
  name = 'HotPathIndexes1795860000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "partner_current_sector_idx" ON "partner" ("centre_id", "sector") WHERE archived_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "partner_current_sector_idx"`);
  }
}
