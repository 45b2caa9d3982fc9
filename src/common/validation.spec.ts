import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MinLength, ValidateNested, ValidationError } from 'class-validator';
import {
  createValidationPipe,
  fieldErrors,
  MAX_NESTING,
  nulCharacterAt,
  RequestValidationError,
  unacceptableAt,
} from './validation.js';

function node(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('fieldErrors', () => {
  it.each([
    ['no errors', [], []],
    [
      'one field, one message',
      [node('name', { isString: 'name must be a string' })],
      [{ field: 'name', message: 'name must be a string' }],
    ],
    [
      'one entry per failed constraint',
      [node('email', { isEmail: 'email must be an email', isNotEmpty: 'email should not be empty' })],
      [
        { field: 'email', message: 'email must be an email' },
        { field: 'email', message: 'email should not be empty' },
      ],
    ],
    [
      'array items as [index]',
      [node('contacts', undefined, [node('0', undefined, [node('email', { isEmail: 'email must be an email' })])])],
      [{ field: 'contacts[0].email', message: 'email must be an email' }],
    ],
    [
      'nested objects with dots',
      [node('address', undefined, [node('postCode', { isString: 'postCode must be a string' })])],
      [{ field: 'address.postCode', message: 'postCode must be a string' }],
    ],
    [
      'a parent message before its children',
      [
        node('contacts', { arrayMaxSize: 'too many' }, [
          node('2', undefined, [node('name', { isString: 'bad name' })]),
        ]),
      ],
      [
        { field: 'contacts', message: 'too many' },
        { field: 'contacts[2].name', message: 'bad name' },
      ],
    ],
    [
      'arrays inside arrays',
      [
        node('rows', undefined, [
          node('1', undefined, [node('cells', undefined, [node('3', { isInt: 'not an int' })])]),
        ]),
      ],
      [{ field: 'rows[1].cells[3]', message: 'not an int' }],
    ],
    [
      'several fields in order',
      [node('name', { isString: 'a' }), node('email', { isEmail: 'b' })],
      [
        { field: 'name', message: 'a' },
        { field: 'email', message: 'b' },
      ],
    ],
  ])('%s', (_name, errors, expected) => {
    expect(fieldErrors(errors)).toEqual(expected);
  });
});

class ContactDto {
  @IsString()
  name: string;

  @IsEmail()
  email: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  phone?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  jobTitle?: string;
}

class PartnerDto {
  @IsString()
  @MinLength(2)
  name: string;

  @IsEmail()
  email: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  notes?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  website?: string;
}

async function validate(value: unknown): Promise<unknown> {
  return createValidationPipe().transform(value, { type: 'body', metatype: PartnerDto });
}

async function refusal(value: unknown): Promise<RequestValidationError> {
  try {
    await validate(value);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return error as RequestValidationError;
  }
  throw new Error(`the pipe accepted ${JSON.stringify(value)}`);
}

describe('createValidationPipe', () => {
  it('passes a valid body through as an instance of the DTO', async () => {
    const result = await validate({ name: 'Child Focus', email: 'info@childfocus.be' });
    expect(result).toBeInstanceOf(PartnerDto);
    expect(result).toEqual({ name: 'Child Focus', email: 'info@childfocus.be' });
  });

  it('refuses an unknown field instead of dropping it', async () => {
    const error = await refusal({ name: 'Child Focus', email: 'info@childfocus.be', role: 'admin' });
    expect(error.fields.map((f) => f.field)).toEqual(['role']);
    expect(error.getStatus()).toBe(400);
  });

  it('names every invalid field', async () => {
    const error = await refusal({ name: 'C', email: 'not-an-email' });
    expect(error.fields.map((f) => f.field).sort()).toEqual(['email', 'name']);
  });

  it('names fields inside nested arrays by path', async () => {
    const error = await refusal({
      name: 'Child Focus',
      email: 'info@childfocus.be',
      contacts: [
        { name: 'Ann', email: 'ann@example.org' },
        { name: 'Bob', email: 'bob' },
      ],
    });
    expect(error.fields.map((f) => f.field)).toEqual(['contacts[1].email']);
  });

  it('refuses an unknown field inside a nested object', async () => {
    const error = await refusal({
      name: 'Child Focus',
      email: 'info@childfocus.be',
      contacts: [{ name: 'Ann', email: 'ann@example.org', centreId: 'c-2' }],
    });
    expect(error.fields.map((f) => f.field)).toEqual(['contacts[0].centreId']);
  });

  it('does not echo the submitted values in its messages', async () => {
    const error = await refusal({ name: 'Child Focus', email: 'secret-person@@example.org' });
    expect(JSON.stringify(error.fields)).not.toContain('secret-person');
  });
});

describe('createValidationPipe and null', () => {
  const valid = { name: 'Child Focus', email: 'info@childfocus.be' };

  it('accepts null where a field is declared nullable, at any level', async () => {
    await expect(
      validate({ ...valid, notes: null, contacts: [{ name: 'Ann', email: 'ann@example.org', phone: null }] }),
    ).resolves.toBeInstanceOf(PartnerDto);
  });

  it('reads the declaration of an inherited field from its parent DTO', async () => {
    class PartnerUpdateDto extends PartnerDto {}
    const pipe = createValidationPipe();
    await expect(
      pipe.transform({ ...valid, notes: null }, { type: 'body', metatype: PartnerUpdateDto }),
    ).resolves.toBeInstanceOf(PartnerUpdateDto);
    await expect(
      pipe.transform({ ...valid, website: null }, { type: 'body', metatype: PartnerUpdateDto }),
    ).rejects.toBeInstanceOf(RequestValidationError);
  });

  it('refuses null in an optional field not declared nullable, with one clear message per field', async () => {
    const error = await refusal({ ...valid, website: null });
    expect(error.fields).toEqual([
      { field: 'website', message: 'website cannot be null: send a value, or leave the field out' },
    ]);
  });

  it('refuses null in a required field with the same message, not a string of type complaints', async () => {
    const error = await refusal({ name: null, email: 'info@childfocus.be' });
    expect(error.fields).toEqual([{ field: 'name', message: expect.stringContaining('cannot be null') }]);
  });

  it('names a null inside a nested DTO by its path, alongside other invalid fields', async () => {
    const error = await refusal({
      name: 'C',
      email: 'info@childfocus.be',
      contacts: [{ name: 'Ann', email: 'ann@example.org', jobTitle: null }],
    });
    expect(error.fields.map((f) => f.field).sort()).toEqual(['contacts[0].jobTitle', 'name']);
  });

  it('calls an unknown field holding null unknown, not null', async () => {
    const error = await refusal({ ...valid, role: null });
    expect(error.fields).toEqual([{ field: 'role', message: expect.stringContaining('should not exist') }]);
  });
});

describe('unacceptableAt', () => {
  const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it.each([
    ['a NUL character', { name: 'a\u0000b' }, 'name', /NUL/],
    ['a lone high surrogate', { name: 'Zo\ud800' }, 'name', /well-formed/],
    ['a lone low surrogate in an array item', { tags: ['ok', '\udc00x'] }, 'tags[1]', /well-formed/],
    [
      'a lone surrogate deep in an object',
      { attendees: [{ contactIds: ['\ud83d'] }] },
      'attendees[0].contactIds[0]',
      /well-formed/,
    ],
    ['a lone surrogate in a key', { ok: { ['\ud800']: 1 } }, 'ok.\ud800', /field name/],
    ['arrays nested 10,000 deep', { notes: nested(10_000) }, 'notes', /levels deep/],
    [
      'objects nested too deep',
      { a: JSON.parse(`${'{"b":'.repeat(MAX_NESTING)}1${'}'.repeat(MAX_NESTING)}`) },
      'a.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b',
      /levels deep/,
    ],
    [
      'arrays too deep under a nested field',
      { attendees: [{ contactIds: nested(3_000) }] },
      'attendees[0].contactIds',
      /levels deep/,
    ],
  ])('refuses %s, naming where', (_what, value, field, message) => {
    const found = unacceptableAt(value);
    expect(found?.field).toBe(field);
    expect(found?.message).toMatch(message);
  });

  it('accepts well-formed text (emoji are surrogate pairs) and nesting up to the limit', () => {
    expect(
      unacceptableAt({ name: 'Zoë 😀', tags: ['a'], n: 1, none: null, deep: nested(MAX_NESTING - 1) }),
    ).toBeUndefined();
  });

  it('is iterative: a value nested far beyond the call stack is refused, not a RangeError', () => {
    expect(() => unacceptableAt(nested(200_000))).not.toThrow();
  });

  it('makes the pipe refuse before class-transformer sees the value', async () => {
    const error = await refusal({ name: 'Child Focus', email: 'info@childfocus.be', contacts: nested(5_000) });
    expect(error.fields).toEqual([{ field: 'contacts', message: expect.stringContaining('levels deep') }]);
  });
});

describe('nulCharacterAt', () => {
  it('finds a NUL character anywhere in a body, and names where', () => {
    expect(nulCharacterAt({ name: 'ok', contacts: [{ email: 'a\u0000b' }] })).toBe('contacts[0].email');
    expect(nulCharacterAt('x\u0000')).toBe('value');
    expect(nulCharacterAt({ ['bad\u0000key']: 1 })).toBe('bad\u0000key');
    expect(nulCharacterAt({ name: 'Zoë', tags: ['a', 'b'], n: 1, none: null })).toBeUndefined();
  });
});
