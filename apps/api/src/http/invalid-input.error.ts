import { ValidationError } from '@nestjs/common';

/** Bad input found by validation, with every field and reason (HTTP 400). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(readonly details: { field: string; reason: string }[]) {
    super(details.map(({ field, reason }) => `${field}: ${reason}`).join('; '));
  }

  static fromValidation(errors: ValidationError[]): InvalidInputError {
    const walk = (list: ValidationError[], path: string): { field: string; reason: string }[] =>
      list.flatMap((error) => {
        const field = path ? `${path}.${error.property}` : error.property;
        return [...Object.values(error.constraints ?? {}).map((reason) => ({ field, reason })), ...walk(error.children ?? [], field)];
      });
    return new InvalidInputError(walk(errors, ''));
  }
}
