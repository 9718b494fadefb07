import { ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from './invalid-input.error';

/** Unknown fields are refused too, so a misspelt field is not silently dropped. */
export const validationPipe = (): ValidationPipe =>
  new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => InvalidInputError.fromValidation(errors),
  });
