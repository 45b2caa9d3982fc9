import { describe, expect, it } from '@jest/globals';
import { IsEmail, IsString, MaxLength, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

cacheValidationMetadata();

class Person {
  @IsString()
  name!: string;

  @IsEmail()
  email!: string;
}

const messages = (value: object) => validateSync(value).flatMap((error) => Object.values(error.constraints ?? {}));

describe('cacheValidationMetadata', () => {
  it('answers the same rules on every call', () => {
    const bad = Object.assign(new Person(), { name: 42, email: 'nope' });
    const first = messages(bad);
    expect(first).toEqual(['name must be a string', 'email must be an email']);
    expect(messages(bad)).toEqual(first);
    expect(messages(Object.assign(new Person(), { name: 'Ann', email: 'ann@example.org' }))).toEqual([]);
  });

  it('sees the rules of a class declared after the first validation', () => {
    expect(messages(Object.assign(new Person(), { name: 'Ann', email: 'ann@example.org' }))).toEqual([]);
    class Later {
      @MaxLength(3)
      code!: string;
    }
    expect(messages(Object.assign(new Later(), { code: 'too long' }))).toEqual([
      'code must be shorter than or equal to 3 characters',
    ]);
  });

  it('sees a rule added later to a class already validated (its subclass inherits it too)', () => {
    class Base {
      @IsString()
      label!: string;
    }
    expect(messages(Object.assign(new Base(), { label: 'x'.repeat(10) }))).toEqual([]);
    MaxLength(5)(Base.prototype, 'label');
    expect(messages(Object.assign(new Base(), { label: 'x'.repeat(10) }))).toEqual([
      'label must be shorter than or equal to 5 characters',
    ]);
    class Child extends Base {}
    expect(messages(Object.assign(new Child(), { label: 'x'.repeat(10) }))).toEqual([
      'label must be shorter than or equal to 5 characters',
    ]);
  });
});
