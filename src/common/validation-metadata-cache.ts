import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Metadata = ReturnType<Lookup>;

const patched = new WeakSet<Storage>();

/**
 * Remembers class-validator's answer to "which rules apply to this class" (MetadataStorage
 * .getTargetValidationMetadatas), which it otherwise works out on every validate() call by walking the rules of
 * every decorated class in the app, and the grouping by property that follows it: a tenth of the CPU of checking a
 * 50,000-row import (bench/import.bench.mjs), and a share of every request with a body. The rules only change while
 * classes are being declared, and any new rule clears what was remembered, so the answers stay the library's own.
 * Installed by src/common/validation.ts on the process's single storage (the one `validate` and ValidationPipe use).
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (patched.has(storage)) return;
  patched.add(storage);
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let answers = new Map<unknown, Map<string, Metadata>>();
  let groups = new WeakMap<Metadata, ReturnType<Storage['groupByPropertyName']>>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, names) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${names?.join('\u0001') ?? ''}`;
    let byOptions = answers.get(target);
    if (!byOptions) answers.set(target, (byOptions = new Map()));
    let answer = byOptions.get(key);
    if (!answer) byOptions.set(key, (answer = lookup(target, schema, always, strictGroups, names)));
    return answer;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groups.get(metadata);
    if (!grouped) groups.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
  storage.addValidationMetadata = (metadata) => {
    answers = new Map();
    groups = new WeakMap();
    addRule(metadata);
  };
}
