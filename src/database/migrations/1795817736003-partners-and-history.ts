import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnersAndHistory1795817736003 implements MigrationInterface {
  name = 'PartnersAndHistory1795817736003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "advisory_board" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "meeting_cadence_days" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "advisory_board_centre_key" UNIQUE ("centre_id", "id"), CONSTRAINT "advisory_board_cadence_check" CHECK (meeting_cadence_days IS NULL OR meeting_cadence_days BETWEEN 1 AND 3650), CONSTRAINT "PK_fb6e3108d93ca9f841d65c0fcc7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "board_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "board_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "contact_id" uuid, "role" text NOT NULL DEFAULT 'member', "term_start" date NOT NULL, "term_end" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "board_membership_term_check" CHECK (term_end IS NULL OR term_end >= term_start), CONSTRAINT "board_membership_role_check" CHECK (role IN ('chair', 'member', 'observer')), CONSTRAINT "PK_1100dc50a956cc90f1c56fdee27" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "board_membership_board_idx" ON "board_membership"  ("centre_id", "board_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "board_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "board_id" uuid NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "title" text NOT NULL, "notes" text, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "board_meeting_centre_key" UNIQUE ("centre_id", "id"), CONSTRAINT "PK_1a6dd0aac698a8a18413a6e46b5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "board_meeting_board_idx" ON "board_meeting"  ("centre_id", "board_id", "held_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "name" text NOT NULL, "email" text, "phone" text, "job_title" text, "primary" boolean NOT NULL DEFAULT false, "lawful_basis" text NOT NULL DEFAULT 'legitimate_interest', "consent_date" date, "do_not_contact" boolean NOT NULL DEFAULT false, "erased_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contact_centre_key" UNIQUE ("centre_id", "id"), CONSTRAINT "contact_lawful_basis_check" CHECK (lawful_basis IN ('consent', 'legitimate_interest', 'contract')), CONSTRAINT "PK_2cbbe00f59ab6b3bb5b8d19f989" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "contact_partner_idx" ON "contact"  ("centre_id", "partner_id") `);
    await queryRunner.query(
      `CREATE TABLE "engagement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "type" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "summary" text NOT NULL, "notes" text, "outcome" text, "follow_up_at" date, "sid_year" smallint, "logged_by_id" uuid, "board_meeting_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "engagement_centre_key" UNIQUE ("centre_id", "id"), CONSTRAINT "engagement_type_check" CHECK (type IN ('meeting', 'call', 'email', 'event', 'sid_activity', 'training', 'study_visit', 'board_meeting', 'other')), CONSTRAINT "PK_08aef5bffed6ae054d4022b0b00" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "engagement_centre_time_idx" ON "engagement"  ("centre_id", "occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "engagement_partner" ("engagement_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "centre_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1498e38026e3a797f637fcb9e25" PRIMARY KEY ("engagement_id", "partner_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "engagement_partner_timeline_idx" ON "engagement_partner"  ("partner_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "engagement_contact" ("engagement_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "centre_id" uuid NOT NULL, CONSTRAINT "PK_01ead1bebefa4aa354ab49b2b12" PRIMARY KEY ("engagement_id", "contact_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "engagement_contact_contact_idx" ON "engagement_contact"  ("contact_id") `);
    await queryRunner.query(
      `CREATE TABLE "partner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "name" text NOT NULL, "sector" text NOT NULL, "tier" text NOT NULL DEFAULT 'regular', "kinds" text array NOT NULL DEFAULT '{}', "country" character(2), "region" text, "website" text, "owner_id" uuid, "cadence_days" smallint, "tags" text array NOT NULL DEFAULT '{}', "notes" text, "status" text NOT NULL DEFAULT 'active', "archived_at" TIMESTAMP WITH TIME ZONE, "last_engagement_at" TIMESTAMP WITH TIME ZONE, "search_text" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "partner_centre_key" UNIQUE ("centre_id", "id"), CONSTRAINT "partner_cadence_check" CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 3650), CONSTRAINT "partner_status_check" CHECK (status IN ('prospect', 'active', 'paused', 'former')), CONSTRAINT "partner_tier_check" CHECK (tier IN ('key', 'regular', 'occasional')), CONSTRAINT "PK_8f34ff11ddd5459eacbfacd48ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "partner_centre_owner_idx" ON "partner"  ("centre_id", "owner_id") `);
    await queryRunner.query(`CREATE INDEX "partner_centre_name_idx" ON "partner"  ("centre_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "sid_campaign" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "year" smallint NOT NULL, "date" date, "theme" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sid_campaign_year_key" UNIQUE ("centre_id", "year"), CONSTRAINT "sid_campaign_year_check" CHECK (year BETWEEN 2004 AND 2100), CONSTRAINT "PK_a94045578b4d182d79d82ce0170" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sid_role" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "centre_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "year" smallint NOT NULL, "role" text NOT NULL, "status" text NOT NULL DEFAULT 'invited', "notes" text, "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sid_role_partner_year_role_key" UNIQUE ("centre_id", "partner_id", "year", "role"), CONSTRAINT "sid_role_status_check" CHECK (status IN ('invited', 'confirmed', 'delivered', 'declined')), CONSTRAINT "sid_role_role_check" CHECK (role IN ('sponsor', 'supporter', 'showcase', 'activity_host', 'media', 'speaker', 'content_co_creator', 'ambassador_programme', 'other')), CONSTRAINT "PK_b2817f4655d6486cb6eb07e2908" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sid_role_year_idx" ON "sid_role"  ("centre_id", "year") `);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "app_user_centre_key" UNIQUE ("centre_id", "id")`);
    // Same-centre integrity in the database itself: a row can only point at rows of its own centre.
    await queryRunner.query(
      `ALTER TABLE "partner" ADD CONSTRAINT "partner_centre_fk" FOREIGN KEY ("centre_id") REFERENCES "centre"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner" ADD CONSTRAINT "partner_owner_centre_fk" FOREIGN KEY ("centre_id", "owner_id") REFERENCES "app_user"("centre_id", "id") ON DELETE SET NULL ("owner_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "contact" ADD CONSTRAINT "contact_partner_centre_fk" FOREIGN KEY ("centre_id", "partner_id") REFERENCES "partner"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" ADD CONSTRAINT "engagement_centre_fk" FOREIGN KEY ("centre_id") REFERENCES "centre"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" ADD CONSTRAINT "engagement_logged_by_centre_fk" FOREIGN KEY ("centre_id", "logged_by_id") REFERENCES "app_user"("centre_id", "id") ON DELETE SET NULL ("logged_by_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" ADD CONSTRAINT "engagement_board_meeting_centre_fk" FOREIGN KEY ("centre_id", "board_meeting_id") REFERENCES "board_meeting"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement_partner" ADD CONSTRAINT "engagement_partner_engagement_centre_fk" FOREIGN KEY ("centre_id", "engagement_id") REFERENCES "engagement"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement_partner" ADD CONSTRAINT "engagement_partner_partner_centre_fk" FOREIGN KEY ("centre_id", "partner_id") REFERENCES "partner"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement_contact" ADD CONSTRAINT "engagement_contact_engagement_centre_fk" FOREIGN KEY ("centre_id", "engagement_id") REFERENCES "engagement"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement_contact" ADD CONSTRAINT "engagement_contact_contact_centre_fk" FOREIGN KEY ("centre_id", "contact_id") REFERENCES "contact"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "advisory_board" ADD CONSTRAINT "advisory_board_centre_fk" FOREIGN KEY ("centre_id") REFERENCES "centre"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_membership" ADD CONSTRAINT "board_membership_board_centre_fk" FOREIGN KEY ("centre_id", "board_id") REFERENCES "advisory_board"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_membership" ADD CONSTRAINT "board_membership_partner_centre_fk" FOREIGN KEY ("centre_id", "partner_id") REFERENCES "partner"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_membership" ADD CONSTRAINT "board_membership_contact_centre_fk" FOREIGN KEY ("centre_id", "contact_id") REFERENCES "contact"("centre_id", "id") ON DELETE SET NULL ("contact_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_meeting" ADD CONSTRAINT "board_meeting_board_centre_fk" FOREIGN KEY ("centre_id", "board_id") REFERENCES "advisory_board"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_meeting" ADD CONSTRAINT "board_meeting_recorded_by_centre_fk" FOREIGN KEY ("centre_id", "recorded_by_id") REFERENCES "app_user"("centre_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "sid_campaign" ADD CONSTRAINT "sid_campaign_centre_fk" FOREIGN KEY ("centre_id") REFERENCES "centre"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "sid_role" ADD CONSTRAINT "sid_role_partner_centre_fk" FOREIGN KEY ("centre_id", "partner_id") REFERENCES "partner"("centre_id", "id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contact_one_primary_idx" ON "contact" ("partner_id") WHERE "primary" AND "erased_at" IS NULL`,
    );
    // Search: accent- and case-insensitive substring match on name, tags and contacts, through a trigram index.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes it usable in indexes.
    await queryRunner.query(
      `CREATE FUNCTION keepwarm_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`,
    );
    await queryRunner.query(`CREATE INDEX "partner_search_idx" ON "partner" USING gin ("search_text" gin_trgm_ops)`);
    // Safer Internet Day: the Tuesday between 5 and 11 February (src/sid/sid-calendar.ts is the same rule).
    await queryRunner.query(
      `CREATE FUNCTION keepwarm_default_sid_date(year int) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT make_date(year, 2, 5) + ((9 - extract(isodow FROM make_date(year, 2, 5))::int) % 7) $$`,
    );
    // Whether a date falls in one of a centre's SID windows: [SID - days before, SID + days after], with the
    // centre's own date for a year when it set one. Windows of the date's year and the next can reach it.
    await queryRunner.query(`CREATE FUNCTION keepwarm_in_sid_window(centre uuid, day date) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE STRICT AS $$
      SELECT EXISTS (
        SELECT 1
        FROM centre c
        CROSS JOIN generate_series(extract(year FROM day)::int, extract(year FROM day)::int + 1) AS y(year)
        LEFT JOIN sid_campaign s ON s.centre_id = c.id AND s.year = y.year
        WHERE c.id = centre
          AND day BETWEEN COALESCE(s.date, keepwarm_default_sid_date(y.year)) - c.sid_days_before
                      AND COALESCE(s.date, keepwarm_default_sid_date(y.year)) + c.sid_days_after
      ) $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION keepwarm_in_sid_window(uuid, date)`);
    await queryRunner.query(`DROP FUNCTION keepwarm_default_sid_date(int)`);
    await queryRunner.query(`DROP INDEX "partner_search_idx"`);
    await queryRunner.query(`DROP FUNCTION keepwarm_fold(text)`);
    await queryRunner.query(`DROP INDEX "contact_one_primary_idx"`);
    await queryRunner.query(`ALTER TABLE "sid_role" DROP CONSTRAINT "sid_role_partner_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "sid_campaign" DROP CONSTRAINT "sid_campaign_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "board_meeting" DROP CONSTRAINT "board_meeting_recorded_by_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "board_meeting" DROP CONSTRAINT "board_meeting_board_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "board_membership" DROP CONSTRAINT "board_membership_contact_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "board_membership" DROP CONSTRAINT "board_membership_partner_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "board_membership" DROP CONSTRAINT "board_membership_board_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "advisory_board" DROP CONSTRAINT "advisory_board_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "engagement_contact" DROP CONSTRAINT "engagement_contact_contact_centre_fk"`);
    await queryRunner.query(
      `ALTER TABLE "engagement_contact" DROP CONSTRAINT "engagement_contact_engagement_centre_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "engagement_partner" DROP CONSTRAINT "engagement_partner_partner_centre_fk"`);
    await queryRunner.query(
      `ALTER TABLE "engagement_partner" DROP CONSTRAINT "engagement_partner_engagement_centre_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "engagement" DROP CONSTRAINT "engagement_board_meeting_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "engagement" DROP CONSTRAINT "engagement_logged_by_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "engagement" DROP CONSTRAINT "engagement_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "contact_partner_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP CONSTRAINT "partner_owner_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP CONSTRAINT "partner_centre_fk"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_centre_key"`);
    await queryRunner.query(`DROP INDEX "public"."sid_role_year_idx"`);
    await queryRunner.query(`DROP TABLE "sid_role"`);
    await queryRunner.query(`DROP TABLE "sid_campaign"`);
    await queryRunner.query(`DROP INDEX "public"."partner_centre_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."partner_centre_owner_idx"`);
    await queryRunner.query(`DROP TABLE "partner"`);
    await queryRunner.query(`DROP INDEX "public"."engagement_contact_contact_idx"`);
    await queryRunner.query(`DROP TABLE "engagement_contact"`);
    await queryRunner.query(`DROP INDEX "public"."engagement_partner_timeline_idx"`);
    await queryRunner.query(`DROP TABLE "engagement_partner"`);
    await queryRunner.query(`DROP INDEX "public"."engagement_centre_time_idx"`);
    await queryRunner.query(`DROP TABLE "engagement"`);
    await queryRunner.query(`DROP INDEX "public"."contact_partner_idx"`);
    await queryRunner.query(`DROP TABLE "contact"`);
    await queryRunner.query(`DROP INDEX "public"."board_meeting_board_idx"`);
    await queryRunner.query(`DROP TABLE "board_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."board_membership_board_idx"`);
    await queryRunner.query(`DROP TABLE "board_membership"`);
    await queryRunner.query(`DROP TABLE "advisory_board"`);
  }
}
