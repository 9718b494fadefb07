import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { InvalidInputError } from './invalid-input.error';
import { validationPipe } from './validation.pipe';

class Paging {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}

class Titled {
  @IsString() title!: string;
}

class Defaulted {
  @IsOptional() @IsInt() limit: number = 100;
}

describe('the validation pipe, given empty queries and bodies', () => {
  const pipe = validationPipe();

  it('answers each empty query with an instance of its own, however often it is asked', async () => {
    const first = await pipe.transform({}, { type: 'query', metatype: Paging });
    const second = await pipe.transform({}, { type: 'query', metatype: Paging });
    expect(first).toBeInstanceOf(Paging);
    expect(second).toBeInstanceOf(Paging);
    expect(second).not.toBe(first);
    (second as Paging).limit = 5;
    expect(await pipe.transform({}, { type: 'query', metatype: Paging })).toEqual(new Paging());
  });

  it('refuses an empty body every time where a field is required', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(pipe.transform({}, { type: 'body', metatype: Titled })).rejects.toThrow(InvalidInputError);
    }
  });

  it('keeps the defaults a class gives its fields', async () => {
    for (let attempt = 0; attempt < 2; attempt++) expect(await pipe.transform({}, { type: 'query', metatype: Defaulted })).toEqual(Object.assign(new Defaulted(), { limit: 100 }));
  });

  it('still validates a query that is not empty after an empty one passed', async () => {
    await pipe.transform({}, { type: 'query', metatype: Paging });
    await expect(pipe.transform({ limit: '0' }, { type: 'query', metatype: Paging })).rejects.toThrow(InvalidInputError);
    expect(await pipe.transform({ limit: '7' }, { type: 'query', metatype: Paging })).toEqual(Object.assign(new Paging(), { limit: 7 }));
  });
});
