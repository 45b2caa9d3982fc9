import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The second rollup of the dashboard: how many engagements each centre logged per local calendar month and type,
 * kept by triggers in the transaction of the change (an engagement logged, moved, retyped or deleted; the
 * centre's time zone changed). The dashboard as of today reads 24 rows a type instead of two years of
 * engagements, and takes out the few engagements whose partners are all archived; as of another day it counts
 * the engagements themselves, and a test holds the two to the same figures.
 */
export class EngagementMonthRollup1795850000003 implements MigrationInterface {
  name = 'EngagementMonthRollup1795850000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "engagement_month" ("centre_id" uuid NOT NULL, "month" date NOT NULL, "type" text NOT NULL, "engagements" integer NOT NULL,
        CONSTRAINT "engagement_month_pkey" PRIMARY KEY ("centre_id", "month", "type"),
        CONSTRAINT "engagement_month_centre_fk" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE CASCADE)`,
    );
    // Takes the engagements before a change out of their month and type, and adds those after it (a row may stay at 0).
    await queryRunner.query(`CREATE FUNCTION keepwarm_count_engagement_months() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          INSERT INTO engagement_month AS m (centre_id, month, type, engagements)
          SELECT o.centre_id, date_trunc('month', o.occurred_at AT TIME ZONE c.timezone)::date, o.type, -count(*)
          FROM old_rows o JOIN centre c ON c.id = o.centre_id GROUP BY 1, 2, 3
          ON CONFLICT (centre_id, month, type) DO UPDATE SET engagements = m.engagements + EXCLUDED.engagements;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO engagement_month AS m (centre_id, month, type, engagements)
          SELECT n.centre_id, date_trunc('month', n.occurred_at AT TIME ZONE c.timezone)::date, n.type, count(*)
          FROM new_rows n JOIN centre c ON c.id = n.centre_id GROUP BY 1, 2, 3
          ON CONFLICT (centre_id, month, type) DO UPDATE SET engagements = m.engagements + EXCLUDED.engagements;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER engagement_month_insert AFTER INSERT ON engagement
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keepwarm_count_engagement_months()`);
    await queryRunner.query(`CREATE TRIGGER engagement_month_update AFTER UPDATE ON engagement
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keepwarm_count_engagement_months()`);
    await queryRunner.query(`CREATE TRIGGER engagement_month_delete AFTER DELETE ON engagement
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keepwarm_count_engagement_months()`);

    await queryRunner.query(`CREATE FUNCTION keepwarm_recount_engagement_months(target_centre uuid) RETURNS void
      LANGUAGE sql VOLATILE AS $$
      DELETE FROM engagement_month WHERE centre_id = target_centre;
      INSERT INTO engagement_month (centre_id, month, type, engagements)
      SELECT e.centre_id, date_trunc('month', e.occurred_at AT TIME ZONE c.timezone)::date, e.type, count(*)
      FROM engagement e JOIN centre c ON c.id = e.centre_id
      WHERE e.centre_id = target_centre
      GROUP BY 1, 2, 3;
    $$`);
    await queryRunner.query(`CREATE FUNCTION keepwarm_engagement_months_of_centre() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM keepwarm_recount_engagement_months(NEW.id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER centre_engagement_months AFTER UPDATE OF timezone ON centre
      FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION keepwarm_engagement_months_of_centre()`);

    await queryRunner.query(`SELECT keepwarm_recount_engagement_months(c.id) FROM centre c`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER centre_engagement_months ON centre`);
    await queryRunner.query(`DROP FUNCTION keepwarm_engagement_months_of_centre()`);
    await queryRunner.query(`DROP FUNCTION keepwarm_recount_engagement_months(uuid)`);
    await queryRunner.query(`DROP TRIGGER engagement_month_delete ON engagement`);
    await queryRunner.query(`DROP TRIGGER engagement_month_update ON engagement`);
    await queryRunner.query(`DROP TRIGGER engagement_month_insert ON engagement`);
    await queryRunner.query(`DROP FUNCTION keepwarm_count_engagement_months()`);
    await queryRunner.query(`DROP TABLE "engagement_month"`);
  }
}
