import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Exclude, plainToInstance, Transform, Type } from 'class-transformer';
import { cacheTransformMetadata } from './transform-metadata-cache.js';

cacheTransformMetadata();

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

class Place {
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  country!: string;
}

class Person {
  @Transform(trim)
  name!: string;

  @Type(() => Place)
  place!: Place;
}

describe('cacheTransformMetadata', () => {
  it('gives the same instances on every call', () => {
    const plain = { name: '  Ann ', place: { country: 'be' }, extra: 1 };
    const first = plainToInstance(Person, plain);
    expect(first).toEqual(Object.assign(new Person(), { name: 'Ann', place: { country: 'BE' }, extra: 1 }));
    expect(first.place).toBeInstanceOf(Place);
    const second = plainToInstance(Person, plain);
    expect(second).toEqual(first);
    expect(second.place).toBeInstanceOf(Place);
  });

  it('sees the decorators of a class declared after the first transformation', () => {
    expect(plainToInstance(Person, { name: ' Bo ' }).name).toBe('Bo');
    class Later {
      @Exclude()
      secret!: string;

      @Transform(trim)
      code!: string;
    }
    expect(plainToInstance(Later, { secret: 's', code: ' x ' })).toEqual(Object.assign(new Later(), { code: 'x' }));
  });

  it('sees a decorator added later to a class already transformed (its subclass inherits it too)', () => {
    class Base {
      label!: string;
    }
    expect(plainToInstance(Base, { label: ' a ' }).label).toBe(' a ');
    Transform(trim)(Base.prototype, 'label');
    expect(plainToInstance(Base, { label: ' a ' }).label).toBe('a');
    class Child extends Base {}
    expect(plainToInstance(Child, { label: ' b ' }).label).toBe('b');
  });
});
