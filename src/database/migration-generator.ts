import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * Writes a migration with the SQL that brings the database to the entities' shape (what
 * `typeorm migration:generate` does, without needing a data-source file for the embedded cluster).
 * Returns the file written, or undefined when the schema is already up to date.
 */
export async function generateMigration(
  dataSource: DataSource,
  name: string,
  dir: string,
): Promise<string | undefined> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('A migration name is PascalCase, e.g. AddPartnerTags');
  const log = await dataSource.driver.createSchemaBuilder().log();
  const sql = { upQueries: log.upQueries.filter(isModelled), downQueries: log.downQueries.filter(isModelled) };
  if (sql.upQueries.length === 0) return undefined;
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const quote = (query: string) =>
    '`' + query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
  const down = [...sql.downQueries]
    .reverse()
    .map((q) => `    await queryRunner.query(${quote(q.query)});`)
    .join('\n');
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
  const file = join(dir, `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
  await writeFile(file, body);
  return file;
}

/**
 * What the migrations write by hand and TypeORM cannot model, so it would otherwise "fix" it away:
 * same-centre composite foreign keys (named *_centre_fk), and jsonb defaults it mis-compares.
 */
const HAND_WRITTEN = [
  /"[a-z_]+_centre_fk"/,
  /"outbox_email" ALTER COLUMN "headers"/,
  /"centre" ALTER COLUMN "cadence"/,
];

function isModelled(query: { query: string }): boolean {
  return !HAND_WRITTEN.some((pattern) => pattern.test(query.query));
}
