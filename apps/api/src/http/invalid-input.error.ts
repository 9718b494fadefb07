import { ValidationError } from '@nestjs/common';
import { danishReason } from './danish-reasons';

/** Bad input found by validation, with every field and its reason in Danish (HTTP 400). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(readonly details: { field: string; reason: string }[]) {
    super(details.map(({ field, reason }) => `${field}: ${reason}`).join('; '));
  }

  static fromValidation(errors: ValidationError[]): InvalidInputError {
    const walk = (list: ValidationError[], path: string): { field: string; reason: string }[] =>
      list.flatMap((error) => {
        const field = path ? `${path}.${error.property}` : error.property;
        return [...Object.entries(error.constraints ?? {}).map(([constraint, reason]) => ({ field, reason: danishReason(constraint, error.property, reason) })), ...walk(error.children ?? [], field)];
      });
    return new InvalidInputError(walk(errors, ''));
  }
}
