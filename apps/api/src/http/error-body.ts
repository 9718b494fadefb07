import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetail {
  @ApiProperty({ example: 'startsAt' }) field!: string;
  @ApiProperty({ example: 'must be an ISO 8601 time with an offset' }) reason!: string;
}

/** The one error shape of the API: a status, a stable code for programs and a sentence for people. */
export class ErrorBody {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'case.withdrawn' }) code!: string;
  @ApiProperty({ example: 'Sagen er trukket tilbage.' }) message!: string;
  @ApiPropertyOptional({ type: [ErrorDetail] }) details?: ErrorDetail[];
}
