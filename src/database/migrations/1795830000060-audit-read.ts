import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail also records a network admin's reads of a centre's data from outside it (CentreScope.inspect). */
export class AuditRead1795830000060 implements MigrationInterface {
  name = 'AuditRead1795830000060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" DROP CONSTRAINT "audit_event_action_check"`);
    await queryRunner.query(
      `ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_action_check" CHECK (action IN ('create', 'update', 'delete', 'read'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The trail is append-only (a trigger refuses DELETE), so rows of the new action keep the old check from being restored.
    await queryRunner.query(`ALTER TABLE "audit_event" DROP CONSTRAINT "audit_event_action_check"`);
    await queryRunner.query(
      `ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_action_check" CHECK (action IN ('create', 'update', 'delete')) NOT VALID`,
    );
  }
}
