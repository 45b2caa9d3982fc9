import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard reads a centre's engagements by time (the trailing year, the SID windows, 24 months) for all its
 * partners at once. Indexes on (centre_id, occurred_at) that carry what those reads need answer them from the
 * index alone: the partner and engagement of each link, and the type of each engagement (the by-month table).
 * Without them each range read one heap page per row, scattered across the whole network's history.
 */
export class DashboardIndexes1795850000001 implements MigrationInterface {
  name = 'DashboardIndexes1795850000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "engagement_partner_centre_time_idx" ON "engagement_partner" ("centre_id", "occurred_at") INCLUDE ("partner_id", "engagement_id")`,
    );
    await queryRunner.query(`DROP INDEX "engagement_centre_time_idx"`);
    await queryRunner.query(
      `CREATE INDEX "engagement_centre_time_idx" ON "engagement" ("centre_id", "occurred_at") INCLUDE ("id", "type")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "engagement_centre_time_idx"`);
    await queryRunner.query(`CREATE INDEX "engagement_centre_time_idx" ON "engagement" ("centre_id", "occurred_at")`);
    await queryRunner.query(`DROP INDEX "engagement_partner_centre_time_idx"`);
  }
}
