import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A small rollup for the dashboard, per partner: when it was last engaged outside every SID window of its centre,
 * and which SID years it was engaged inside the window of, or in the off-season after it. With these the
 * dashboard as of today reads one row per partner instead of every engagement of the last years; a dashboard as
 * of another day, or one with an engagement logged ahead of today, still works from the engagements themselves,
 * and a test holds the two to the same figures.
 *
 * Kept by triggers, in the transaction of the change that moves it, whatever the path: linking, moving or
 * unlinking engagements (engagement_partner), a centre's time zone or SID window days, a SID date it sets or
 * clears. An engagement's day is its time in the centre's time zone; the window of year Y is its SID date (the
 * centre's own, else keepwarm_default_sid_date) minus sid_days_before to plus sid_days_after, both included; a
 * day outside every window is in the off-season of the latest year whose window ended before it.
 */
export class SidSeasonRollup1795850000002 implements MigrationInterface {
  name = 'SidSeasonRollup1795850000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partner" ADD "sid_off_window_last_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "partner" ADD "sid_window_years" integer array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "partner" ADD "sid_off_season_years" integer array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE FUNCTION keepwarm_refresh_sid_seasons(target_centre uuid, target_partners uuid[]) RETURNS void
      LANGUAGE sql VOLATILE AS $$
      WITH c AS (SELECT id, timezone, sid_days_before, sid_days_after FROM centre WHERE id = target_centre),
      days AS (
        SELECT ep.partner_id, ep.occurred_at, (ep.occurred_at AT TIME ZONE c.timezone)::date AS day
        FROM engagement_partner ep CROSS JOIN c
        WHERE ep.centre_id = target_centre AND ep.partner_id = ANY (target_partners)),
      w AS (
        SELECT y.year, s.sid - c.sid_days_before AS first, s.sid + c.sid_days_after AS last
        FROM c CROSS JOIN generate_series(
          (SELECT COALESCE(min(extract(year FROM d.day)), 2000)::int - 1 FROM days d),
          (SELECT COALESCE(max(extract(year FROM d.day)), 2000)::int + 1 FROM days d)) AS y(year)
        LEFT JOIN sid_campaign sc ON sc.centre_id = c.id AND sc.year = y.year
        CROSS JOIN LATERAL (SELECT COALESCE(sc.date, keepwarm_default_sid_date(y.year)) AS sid) s),
      inside AS (
        SELECT d.partner_id, array_agg(DISTINCT w.year ORDER BY w.year) AS years
        FROM days d JOIN w ON d.day BETWEEN w.first AND w.last
        GROUP BY d.partner_id),
      outside AS (
        SELECT d.partner_id, max(d.occurred_at) AS last_at,
          array_agg(DISTINCT o.year ORDER BY o.year) FILTER (WHERE o.year IS NOT NULL) AS years
        FROM days d CROSS JOIN LATERAL (SELECT max(w.year) AS year FROM w WHERE w.last < d.day) o
        WHERE NOT EXISTS (SELECT 1 FROM w WHERE d.day BETWEEN w.first AND w.last)
        GROUP BY d.partner_id)
      UPDATE partner p
      SET sid_off_window_last_at = o.last_at,
        sid_window_years = COALESCE(i.years, '{}'),
        sid_off_season_years = COALESCE(o.years, '{}')
      FROM unnest(target_partners) AS t(id)
        LEFT JOIN inside i ON i.partner_id = t.id
        LEFT JOIN outside o ON o.partner_id = t.id
      WHERE p.id = t.id AND p.centre_id = target_centre
    $$`);

    // Links inserted or deleted: their partners. Updated (an engagement moved in time): the partners before and after.
    await queryRunner.query(`CREATE FUNCTION keepwarm_sid_seasons_of_links() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM keepwarm_refresh_sid_seasons(x.centre_id, x.partners)
        FROM (SELECT centre_id, array_agg(DISTINCT partner_id) AS partners FROM changed GROUP BY centre_id) x;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION keepwarm_sid_seasons_of_moved_links() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM keepwarm_refresh_sid_seasons(x.centre_id, x.partners)
        FROM (SELECT centre_id, array_agg(DISTINCT partner_id) AS partners
          FROM (SELECT centre_id, partner_id FROM old_rows UNION SELECT centre_id, partner_id FROM new_rows) l
          GROUP BY centre_id) x;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER engagement_partner_sid_seasons_insert AFTER INSERT ON engagement_partner
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keepwarm_sid_seasons_of_links()`);
    await queryRunner.query(`CREATE TRIGGER engagement_partner_sid_seasons_delete AFTER DELETE ON engagement_partner
      REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION keepwarm_sid_seasons_of_links()`);
    await queryRunner.query(`CREATE TRIGGER engagement_partner_sid_seasons_update AFTER UPDATE ON engagement_partner
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keepwarm_sid_seasons_of_moved_links()`);

    // The windows themselves moved: every partner of the centre.
    await queryRunner.query(`CREATE FUNCTION keepwarm_refresh_centre_sid_seasons(target_centre uuid) RETURNS void
      LANGUAGE sql VOLATILE AS $$
      SELECT keepwarm_refresh_sid_seasons(target_centre, ARRAY(SELECT p.id FROM partner p WHERE p.centre_id = target_centre))
    $$`);
    await queryRunner.query(`CREATE FUNCTION keepwarm_sid_seasons_of_centre() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM keepwarm_refresh_centre_sid_seasons(NEW.id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION keepwarm_sid_seasons_of_campaign() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM keepwarm_refresh_centre_sid_seasons(OLD.centre_id);
        ELSE
          PERFORM keepwarm_refresh_centre_sid_seasons(NEW.centre_id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER centre_sid_seasons AFTER UPDATE OF timezone, sid_days_before, sid_days_after ON centre
      FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone OR OLD.sid_days_before IS DISTINCT FROM NEW.sid_days_before
        OR OLD.sid_days_after IS DISTINCT FROM NEW.sid_days_after)
      EXECUTE FUNCTION keepwarm_sid_seasons_of_centre()`);
    await queryRunner.query(`CREATE TRIGGER sid_campaign_sid_seasons_insert AFTER INSERT ON sid_campaign
      FOR EACH ROW WHEN (NEW.date IS NOT NULL) EXECUTE FUNCTION keepwarm_sid_seasons_of_campaign()`);
    await queryRunner.query(`CREATE TRIGGER sid_campaign_sid_seasons_update AFTER UPDATE OF date ON sid_campaign
      FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date) EXECUTE FUNCTION keepwarm_sid_seasons_of_campaign()`);
    await queryRunner.query(`CREATE TRIGGER sid_campaign_sid_seasons_delete AFTER DELETE ON sid_campaign
      FOR EACH ROW WHEN (OLD.date IS NOT NULL) EXECUTE FUNCTION keepwarm_sid_seasons_of_campaign()`);

    await queryRunner.query(`SELECT keepwarm_refresh_centre_sid_seasons(c.id) FROM centre c`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER sid_campaign_sid_seasons_delete ON sid_campaign`);
    await queryRunner.query(`DROP TRIGGER sid_campaign_sid_seasons_update ON sid_campaign`);
    await queryRunner.query(`DROP TRIGGER sid_campaign_sid_seasons_insert ON sid_campaign`);
    await queryRunner.query(`DROP TRIGGER centre_sid_seasons ON centre`);
    await queryRunner.query(`DROP TRIGGER engagement_partner_sid_seasons_update ON engagement_partner`);
    await queryRunner.query(`DROP TRIGGER engagement_partner_sid_seasons_delete ON engagement_partner`);
    await queryRunner.query(`DROP TRIGGER engagement_partner_sid_seasons_insert ON engagement_partner`);
    await queryRunner.query(`DROP FUNCTION keepwarm_sid_seasons_of_campaign()`);
    await queryRunner.query(`DROP FUNCTION keepwarm_sid_seasons_of_centre()`);
    await queryRunner.query(`DROP FUNCTION keepwarm_refresh_centre_sid_seasons(uuid)`);
    await queryRunner.query(`DROP FUNCTION keepwarm_sid_seasons_of_moved_links()`);
    await queryRunner.query(`DROP FUNCTION keepwarm_sid_seasons_of_links()`);
    await queryRunner.query(`DROP FUNCTION keepwarm_refresh_sid_seasons(uuid, uuid[])`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "sid_off_season_years"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "sid_window_years"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP COLUMN "sid_off_window_last_at"`);
  }
}
