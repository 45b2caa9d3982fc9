import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { createRequire } from 'node:module';

type Storage = MetadataStorage;

/** The one storage plainToInstance reads (class-transformer's index does not export it; its own module does). */
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: Storage;
};

/** The lookups class-transformer makes for every property of every object it turns into a class. */
const LOOKUPS = [
  'findTransformMetadatas',
  'findTypeMetadata',
  'findExposeMetadata',
  'findExcludeMetadata',
  'findExposeMetadataByCustomName',
  'getStrategy',
  'getExposedProperties',
  'getExcludedProperties',
] as const;

/** The ways a decorator records metadata; any of them makes every remembered answer stale. */
const ADDS = ['addTypeMetadata', 'addTransformMetadata', 'addExposeMetadata', 'addExcludeMetadata'] as const;

const patched = new WeakSet<Storage>();

/**
 * Remembers class-transformer's answers to "which @Transform, @Type, @Expose or @Exclude applies to this property
 * of this class", which it otherwise works out for every property of every plainToInstance call by walking the
 * class's ancestors and filtering their decorators again: about a quarter of class-transformer's CPU when checking a
 * 50,000-row import (bench/import.bench.mjs), and a share of every request with a body or a query. The decorators
 * only change while classes are being declared, and any new one clears what was remembered, so the answers stay the
 * library's own (the library returns fresh arrays and never changes them, so sharing one answer is safe). The
 * companion of cacheValidationMetadata; installed by src/common/validation.ts on the process's single storage.
 */
export function cacheTransformMetadata(storage: Storage = defaultMetadataStorage): void {
  if (patched.has(storage)) return;
  patched.add(storage);
  // Each lookup's answers by target, then first and second argument (none takes more); a new decorator bumps the
  // generation, which empties them all at their next call.
  let generation = 0;
  const methods = storage as unknown as Record<string, (target: unknown, a?: unknown, b?: unknown) => unknown>;
  for (const name of LOOKUPS) {
    const lookup = methods[name]!.bind(storage);
    let answers = new Map<unknown, Map<unknown, Map<unknown, unknown>>>();
    let answersOf = generation;
    methods[name] = (target, a, b) => {
      if (answersOf !== generation) {
        answers = new Map();
        answersOf = generation;
      }
      let byA = answers.get(target);
      if (!byA) answers.set(target, (byA = new Map()));
      let byB = byA.get(a);
      if (!byB) byA.set(a, (byB = new Map()));
      if (byB.has(b)) return byB.get(b);
      const answer = lookup(target, a, b);
      byB.set(b, answer);
      return answer;
    };
  }
  for (const name of ADDS) {
    const add = methods[name]!.bind(storage);
    methods[name] = (metadata: unknown) => {
      generation++;
      return add(metadata);
    };
  }
}
