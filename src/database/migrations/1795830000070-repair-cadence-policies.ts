import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A policy without a usable default (1–3650 whole days): what the API stored for `{"cadence": []}` and the like. */
export const BROKEN_CADENCE_SQL = `NOT COALESCE(CASE
  WHEN jsonb_typeof(cadence) = 'object' AND jsonb_typeof(cadence->'defaultDays') = 'number'
  THEN (cadence->>'defaultDays')::numeric BETWEEN 1 AND 3650 AND (cadence->>'defaultDays')::numeric = trunc((cadence->>'defaultDays')::numeric)
END, false)`;

/**
 * Centres whose cadence policy was stored without a valid `defaultDays` (before the API validated it) showed no
 * next contact due and got no cadence reminders. They get the default 90 days back, keeping any per-sector and
 * per-tier cadences that are objects, with an audit row each so an admin can see what changed.
 */
export class RepairCadencePolicies1795830000070 implements MigrationInterface {
  name = 'RepairCadencePolicies1795830000070';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`WITH broken AS (
        SELECT id, cadence FROM centre WHERE ${BROKEN_CADENCE_SQL} FOR UPDATE
      ), repaired AS (
        UPDATE centre c SET updated_at = now(), cadence = jsonb_build_object(
          'defaultDays', 90,
          'bySector', CASE WHEN jsonb_typeof(b.cadence->'bySector') = 'object' THEN b.cadence->'bySector' ELSE '{}'::jsonb END,
          'byTier', CASE WHEN jsonb_typeof(b.cadence->'byTier') = 'object' THEN b.cadence->'byTier' ELSE '{}'::jsonb END)
        FROM broken b WHERE c.id = b.id
        RETURNING c.id, b.cadence AS before, c.cadence AS after
      )
      INSERT INTO audit_event (centre_id, actor_id, action, entity_type, entity_id, before, after, request_id)
      SELECT id, NULL, 'update', 'centre', id::text, jsonb_build_object('cadence', before), jsonb_build_object('cadence', after),
        'migration:${this.name}'
      FROM repaired`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the broken policies were never what anyone meant, and the audit trail keeps them.
  }
}
