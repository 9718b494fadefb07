import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

export class ErrorDetail {
  @ApiProperty({ example: 'startsAt' }) field!: string;
  @ApiProperty({ example: 'startsAt skal være et tidspunkt efter ISO 8601 med tidszone, fx 2025-08-08T11:00:00+02:00' }) reason!: string;
}

/** The one error shape of the API: a status, a stable code for programs and a sentence for people. */
export class ErrorBody {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'case.withdrawn', description: 'Dotted and lower case, words joined by underscores' }) code!: string;
  @ApiProperty({ example: 'Sagen er trukket tilbage.' }) message!: string;
  @ApiPropertyOptional({ type: [ErrorDetail] }) details?: ErrorDetail[];
}

/** How long a client should wait before asking again after a 503: the read models and a full disk rarely take longer to come right. */
export const RETRY_AFTER_SECONDS = 5;

/** The code of an HTTP error no rule of ours names, from the status's own name: 413 is `http.payload_too_large`. */
export const httpErrorCode = (status: number): string =>
  `http.${(STATUS_CODES[status] ?? 'error')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;

/** Sentences for the statuses the platform itself answers, before any route of ours is reached. */
const PLATFORM_MESSAGES: Record<number, string> = {
  400: 'Forespørgslen kunne ikke læses.',
  404: 'Adressen findes ikke.',
  405: 'Metoden kan ikke bruges på denne adresse.',
  413: 'Forespørgslen er for stor.',
  414: 'Adressen er for lang.',
  415: 'Indholdet skal sendes som JSON (application/json) eller som en formular.',
  431: 'Forespørgslens headere er for store.',
};

export const platformErrorBody = (status: number): ErrorBody => ({
  statusCode: status,
  code: status === 404 ? 'route.not_found' : httpErrorCode(status),
  message: PLATFORM_MESSAGES[status] ?? (status >= 500 ? 'Der skete en uventet fejl.' : 'Forespørgslen blev afvist.'),
});
