import type { PreparedInsert } from '../database/centre-scope.js';

/** Chunks queued behind the one PostgreSQL is writing; `write` waits when this many are queued. */
const QUEUED = 2;

/**
 * Writes chunks of rows in the background of the caller's own work (an import's reading and checking). `write`
 * makes a chunk's statements at once (`prepare`) and queues them behind the chunks before it, so PostgreSQL finds
 * the next chunk waiting when it finishes one instead of idling while Node prepares it; with two chunks queued,
 * `write` waits for the older one (memory holds at most three: two queued, one being read). A chunk's statements run
 * in their order (its contacts need its partners); chunks may interleave. `finish` waits for all and throws the
 * first failure. After a failure nothing more is sent; a statement already queued fails with the aborted
 * transaction, and only the first failure is kept.
 */
export class ChunkWriter<Row> {
  private readonly queued: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly prepare: (rows: Row[]) => PreparedInsert[]) {}

  async write(rows: Row[]): Promise<void> {
    if (this.failure) return;
    const inserts = this.prepare(rows);
    if (this.queued.length >= QUEUED) await this.queued.shift();
    if (this.failure) return;
    this.queued.push(this.run(inserts));
  }

  async finish(): Promise<void> {
    while (this.queued.length > 0) await this.queued.shift();
    if (this.failure) throw this.failure.error;
  }

  private async run(inserts: PreparedInsert[]): Promise<void> {
    try {
      for (const insert of inserts) await insert.run();
    } catch (error) {
      this.failure ??= { error };
    }
  }
}
