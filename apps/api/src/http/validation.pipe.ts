import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';
import { ValidationError, ValidatorOptions } from 'class-validator';
import { isDeepStrictEqual } from 'node:util';
import { unknownField } from './danish-reasons';
import { InvalidInputError } from './invalid-input.error';
import { everyRulePasses } from './rules-pass';

type Detail = InvalidInputError['details'][number];

const isEmptyObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

/** Nest's pipe deletes these keys before class-validator sees them, so forbidNonWhitelisted never names them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A null anywhere, and the prototype keys, by the path the validation's details use (`owners.0.email`).
 * class-validator's IsOptional takes a null for a field left out, and the command would store the null as given.
 * A body comes here at most MAX_BODY_DEPTH levels deep, so the recursion is bounded. A field's path is only made
 * where it is named or walked into: nearly every body and query holds neither, and is passed over as it is.
 */
const nullsAndPrototypeKeys = (value: unknown, path?: string, found: Detail[] = []): Detail[] => {
  if (value === null || typeof value !== 'object') return found;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    const refused = PROTOTYPE_KEYS.has(key);
    if (!refused && child !== null && typeof child !== 'object') continue;
    const field = path === undefined ? key : `${path}.${key}`;
    if (refused) found.push({ field, reason: unknownField(key) });
    else if (child === null) found.push({ field, reason: `${field} må ikke være null: udelad et felt uden værdi` });
    else nullsAndPrototypeKeys(child, field, found);
  }
  return found;
};

/**
 * Unknown fields are refused too, so a misspelt field is not silently dropped; so are the prototype keys,
 * and null, which is no value of any field. Every bad field is named in one answer, with the field's own
 * reason where its validators have one.
 */
class StrictValidationPipe extends ValidationPipe {
  /**
   * Per class, whether an empty query or body passes and comes out as a new instance, as its constructor makes it,
   * learnt from the first one seen. Most queries carry no parameters, and validating nothing cost more than the
   * rest of reading a case.
   */
  private readonly emptyPasses = new WeakMap<Type, boolean>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if (!metatype || (type !== 'query' && type !== 'body') || !isEmptyObject(value)) return this.strictly(value, metadata);
    const passes = this.emptyPasses.get(metatype);
    if (passes) return new metatype();
    if (passes === false) return this.strictly(value, metadata);
    try {
      const result = await this.strictly(value, metadata);
      this.emptyPasses.set(metatype, isDeepStrictEqual(result, new metatype()));
      return result;
    } catch (error) {
      this.emptyPasses.set(metatype, false);
      throw error;
    }
  }

  /** class-validator only where the quick check cannot say that every rule passes: to name what fails. */
  protected override validate(object: object, options: ValidatorOptions = {}): Promise<ValidationError[]> | ValidationError[] {
    return everyRulePasses(object, options) ? [] : super.validate(object, options);
  }

  private async strictly(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const refused = nullsAndPrototypeKeys(value);
    if (refused.length === 0) return super.transform(value, metadata);
    const named = await super.transform(value, metadata).then(
      (): Detail[] => [],
      (error: unknown) => {
        if (error instanceof InvalidInputError) return error.details;
        throw error;
      },
    );
    const namedAlready = ({ field }: Detail) => named.some((detail) => field === detail.field || field.startsWith(`${detail.field}.`));
    throw new InvalidInputError([...named, ...refused.filter((detail) => !namedAlready(detail))]);
  }
}

export const validationPipe = (): ValidationPipe =>
  new StrictValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => InvalidInputError.fromValidation(errors),
  });
