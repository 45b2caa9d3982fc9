import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MinLength, ValidateNested, ValidationError } from 'class-validator';
import { createValidationPipe, fieldErrors, nulCharacterAt, RequestValidationError } from './validation.js';

function node(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('fieldErrors', () => {
  it.each([
    ['no errors', [], []],
    ['one field, one message', [node('name', { isString: 'name must be a string' })], [{ field: 'name', message: 'name must be a string' }]],
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
      [node('contacts', { arrayMaxSize: 'too many' }, [node('2', undefined, [node('name', { isString: 'bad name' })])])],
      [
        { field: 'contacts', message: 'too many' },
        { field: 'contacts[2].name', message: 'bad name' },
      ],
    ],
    [
      'arrays inside arrays',
      [node('rows', undefined, [node('1', undefined, [node('cells', undefined, [node('3', { isInt: 'not an int' })])])])],
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

describe('nulCharacterAt', () => {
  it('finds a NUL character anywhere in a body, and names where', () => {
    expect(nulCharacterAt({ name: 'ok', contacts: [{ email: 'a\u0000b' }] })).toBe('contacts[0].email');
    expect(nulCharacterAt('x\u0000')).toBe('value');
    expect(nulCharacterAt({ ['bad\u0000key']: 1 })).toBe('bad\u0000key');
    expect(nulCharacterAt({ name: 'Zoë', tags: ['a', 'b'], n: 1, none: null })).toBeUndefined();
  });
});
