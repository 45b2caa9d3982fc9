import { describe, expect, it } from '@jest/globals';
import type { PreparedInsert } from '../database/centre-scope.js';
import { ChunkWriter } from './chunk-writer.js';

/**
 * A stand-in for one PostgreSQL connection: statements run one at a time in the order they are sent, each
 * finishing when the test says so, as a transaction's statements do on its one connection.
 */
class FakeConnection {
  readonly sent: string[] = [];
  readonly done: string[] = [];
  private queue: { name: string; settle: () => void }[] = [];
  private running: Promise<void> = Promise.resolve();
  private failAt?: string;
  private aborted = false;

  failOn(name: string): void {
    this.failAt = name;
  }

  /** The statements of one chunk, as prepareInsertMany makes them: nothing is sent until run(). */
  chunk(rows: string[]): PreparedInsert[] {
    return ['partners', 'contacts'].map((table) => ({
      ids: rows,
      run: () => this.send(`${table} ${rows.join(',')}`),
    }));
  }

  private send(name: string): Promise<void> {
    this.sent.push(name);
    const previous = this.running;
    const result = previous.then(
      () =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({
            name,
            settle: () => {
              if (this.aborted) return reject(new Error('current transaction is aborted'));
              if (name === this.failAt) {
                this.aborted = true;
                return reject(new Error(`${name} failed`));
              }
              this.done.push(name);
              resolve();
            },
          });
        }),
    );
    this.running = result.catch(() => undefined);
    return result;
  }

  /** Lets the statement at the head of the queue finish, then lets promises settle. */
  async next(): Promise<void> {
    await flush();
    this.queue.shift()?.settle();
    await flush();
  }

  async drain(): Promise<void> {
    for (let i = 0; i < 100 && this.queue.length > 0; i++) await this.next();
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ChunkWriter', () => {
  it('queues the next chunk behind the one being written, keeping each chunk in order', async () => {
    const db = new FakeConnection();
    const writer = new ChunkWriter<string>((rows) => db.chunk(rows));
    await writer.write(['a']);
    await writer.write(['b']);
    await flush();
    // Both chunks' partners are sent at once; a chunk's contacts wait for its own partners.
    expect(db.sent).toEqual(['partners a', 'partners b']);
    await db.next();
    expect(db.sent).toEqual(['partners a', 'partners b', 'contacts a']);
    const finished = writer.finish();
    await db.drain();
    await finished;
    expect(db.done).toEqual(['partners a', 'partners b', 'contacts a', 'contacts b']);
  });

  it('waits for the oldest chunk when two are queued', async () => {
    const db = new FakeConnection();
    const writer = new ChunkWriter<string>((rows) => db.chunk(rows));
    await writer.write(['a']);
    await writer.write(['b']);
    let thirdQueued = false;
    const third = writer.write(['c']).then(() => (thirdQueued = true));
    await flush();
    expect(thirdQueued).toBe(false);
    await db.next(); // partners a
    await db.next(); // partners b
    expect(thirdQueued).toBe(false);
    await db.next(); // contacts a: chunk a is written
    await third;
    expect(thirdQueued).toBe(true);
    const finished = writer.finish();
    await db.drain();
    await finished;
    expect(db.done).toHaveLength(6);
  });

  it('throws the first failure from finish, sends nothing more, and leaves no rejection unhandled', async () => {
    const db = new FakeConnection();
    db.failOn('partners a');
    const writer = new ChunkWriter<string>((rows) => db.chunk(rows));
    await writer.write(['a']);
    await writer.write(['b']);
    await db.next(); // partners a fails
    await db.drain(); // partners b fails with the aborted transaction
    await writer.write(['c']);
    await expect(writer.finish()).rejects.toThrow('partners a failed');
    expect(db.sent).toEqual(['partners a', 'partners b']);
    expect(db.done).toEqual([]);
  });
});
