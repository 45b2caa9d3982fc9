import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem.js';

/** Flattens class-validator's tree into `{field: "contacts[0].email", message}` pairs. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly fields: FieldError[]) {
    super('The request has invalid fields');
  }
}

/** Where a NUL character hides in a request value (PostgreSQL cannot store one in text), or undefined. */
export function nulCharacterAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulCharacterAt(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulCharacterAt(item, path ? `${path}.${key}` : key) ?? (key.includes('\u0000') ? path || key : undefined);
      if (found) return found;
    }
  }
  return undefined;
}

/** The global pipe: NUL characters refused first, then class-validator with whitelist and forbidNonWhitelisted. */
class KeepwarmValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = nulCharacterAt(value);
    if (field) throw new RequestValidationError([{ field, message: `${field} cannot contain a NUL character` }]);
    return super.transform(value, metadata);
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
