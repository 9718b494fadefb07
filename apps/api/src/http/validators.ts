import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The years every date and time the API takes must fall in, as written. A year outside them is a typo, and
 * the calendar cannot show every such time (ics refuses one before 1970, iCalendar has four-digit years).
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const IsInYears = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInYears',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Number(value.slice(0, 4)) >= FIRST_YEAR && Number(value.slice(0, 4)) <= LAST_YEAR,
      defaultMessage: () => `$property skal ligge i årene ${FIRST_YEAR} til ${LAST_YEAR}`,
    },
  });

/** A point in time must carry its offset, or a meeting at 11:00 would move with the server's zone. */
export const IsTimeWithOffset = (): PropertyDecorator =>
  applyDecorators(
    IsISO8601({ strict: true }, { message: '$property skal være et tidspunkt efter ISO 8601' }),
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: '$property skal være et tidspunkt efter ISO 8601 med tidszone, fx 2025-08-08T11:00:00+02:00',
    }),
    IsInYears(),
  );

export const IsCalendarDate = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property skal være en dato som ÅÅÅÅ-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property skal være en dato, der findes i kalenderen' }),
    IsInYears(),
  );

/** A NUL or an escape sequence is never meant in a text, and would go on into the calendar; tabs and line breaks are text. */
export const HasNoControlCharacters = (options: Pick<ValidationOptions, 'each'> = {}): PropertyDecorator =>
  Matches(/^[\P{Cc}\t\n\r]*$/u, { ...options, message: '$property må ikke indeholde kontroltegn ud over tabulatorer og linjeskift' });

export const IsText = (maxLength: number): PropertyDecorator => applyDecorators(IsString(), IsNotEmpty(), MaxLength(maxLength), HasNoControlCharacters());

/** Ids are slugs or UUIDs: letters, digits, dots and dashes. */
export const IsId = (options: { each?: boolean } = {}): PropertyDecorator =>
  applyDecorators(
    IsString(options),
    Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/, { ...options, message: '$property skal være id\'er af bogstaver, cifre, punktummer og bindestreger' }),
  );
