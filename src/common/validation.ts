import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { ValidatorOptions } from 'class-validator';
import type { FieldError } from './problem.js';
import { cacheTransformMetadata } from './transform-metadata-cache.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

cacheValidationMetadata();
cacheTransformMetadata();

/** Flattens class-validator's tree into `{field: "contacts[0].email", message}` pairs (those of one constraint only, if named). */
export function fieldErrors(errors: ValidationError[], parent = '', constraint?: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {})
      .filter(([name]) => !constraint || name === constraint)
      .map(([, message]) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field, constraint)];
  });
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly fields: FieldError[]) {
    super('The request has invalid fields');
  }
}

/**
 * How deep arrays and objects may nest in a request. The deepest real body (a board meeting's
 * attendees[].contactIds[]) has 3 levels; the limit keeps every later step (class-transformer, class-validator,
 * the audit's JSON) far from the call stack's end.
 */
export const MAX_NESTING = 16;

interface Pending {
  value: unknown;
  path: string;
  /** The path without trailing array indexes: what a client calls the field. */
  field: string;
  depth: number;
}

const childPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Why a string cannot be stored, or undefined: PostgreSQL text holds no NUL, and JSON (the audit's) no lone surrogate. */
function badText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'cannot contain a NUL character';
  // Node 20 has String.prototype.isWellFormed; the compiler's lib (es2023) does not know it yet.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed())
    return 'must be well-formed text (it holds a lone UTF-16 surrogate)';
  return undefined;
}

/**
 * The first part of a request value (body, query or route parameter) that no route can accept, or undefined:
 * nesting deeper than MAX_NESTING, a NUL character, or text that is not well-formed UTF-16, in a value or a key.
 * Iterative, so a body nested 10,000 deep is refused rather than exhausting the stack.
 */
export function unacceptableAt(value: unknown): FieldError | undefined {
  const stack: Pending[] = [{ value, path: '', field: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, field, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = badText(current);
      if (problem) {
        const name = path || 'value';
        return { field: name, message: `${name} ${problem}` };
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_NESTING) {
      const name = field || 'value';
      return { field: name, message: `${name} nests arrays or objects more than ${MAX_NESTING} levels deep` };
    }
    const children: Pending[] = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) =>
        children.push({ value: item, path: `${path}[${index}]`, field, depth: depth + 1 }),
      );
    } else {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = childPath(path, key);
        const problem = badText(key);
        if (problem) return { field: itemPath, message: `the field name ${itemPath} ${problem}` };
        children.push({ value: item, path: itemPath, field: itemPath, depth: depth + 1 });
      }
    }
    // Reversed onto the stack, so the first offending field in reading order is the one named.
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
  }
  return undefined;
}

/** Where a NUL character hides in a request value (PostgreSQL cannot store one in text), or undefined. */
export function nulCharacterAt(value: unknown): string | undefined {
  const found = unacceptableAt(value);
  return found?.message.includes('NUL') ? found.field : undefined;
}

/** Whether a DTO declares a property nullable (`nullable: true` in its API property): null then means "none". */
function isNullable(dto: object, property: string): boolean {
  const metadata = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto, property) as
    { nullable?: boolean } | undefined;
  return metadata?.nullable === true;
}

/**
 * Fields of a transformed DTO (and of its nested DTOs) that hold null without being declared nullable.
 * `@IsOptional()` lets null through to the service, where it would clear a required column (a NOT NULL
 * violation) or silently mean "the default": null is refused instead, unless the field says it may be null.
 */
export function undeclaredNulls(dto: object): FieldError[] {
  const found: FieldError[] = [];
  const queue: { value: object; path: string }[] = [{ value: dto, path: '' }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { value, path } = next;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (item !== null && typeof item === 'object') queue.push({ value: item, path: `${path}[${index}]` });
      });
      continue;
    }
    // Plain objects (a map such as cadence.bySector) have no declarations: their validators judge their values.
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (!prototype || prototype === Object.prototype) continue;
    for (const [key, item] of Object.entries(value)) {
      const field = childPath(path, key);
      if (item === null && !isNullable(prototype, key))
        found.push({ field, message: `${field} cannot be null: send a value, or leave the field out` });
      else if (item !== null && typeof item === 'object') queue.push({ value: item as object, path: field });
    }
  }
  return found;
}

/**
 * The global pipe. Before class-transformer runs: over-deep values, NUL characters and lone surrogates are
 * refused. Then class-validator with whitelist and forbidNonWhitelisted, and null refused where not declared.
 */
class KeepwarmValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the client sent: custom parameters (the request context) are the application's own objects.
    if (metadata.type !== 'custom') {
      const found = unacceptableAt(value);
      if (found) throw new RequestValidationError([found]);
    }
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    const unknown = new Set(fieldErrors(errors, '', 'whitelistValidation').map((f) => f.field));
    const nulls = undeclaredNulls(object).filter((f) => !unknown.has(f.field));
    if (nulls.length === 0) return errors;
    // One message per null field: its other validators' complaints ("must be a string") say less.
    const named = new Set(nulls.map((f) => f.field));
    throw new RequestValidationError([...nulls, ...fieldErrors(errors).filter((f) => !named.has(f.field))]);
  }
}

/** Unknown fields are refused, not dropped: a client can't slip in a role or a centre. */
export function createValidationPipe(): ValidationPipe {
  return new KeepwarmValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldErrors(errors)),
  });
}
