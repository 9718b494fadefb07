import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CancelFollowUpInput, CompleteFollowUpInput, RescheduleFollowUpInput } from '@app/domain';
import { ReadAfterQuery } from '../http/read-after';
import { IsCalendarDate, IsId, IsText } from '../http/validators';

export class CompleteFollowUpDto implements Omit<CompleteFollowUpInput, 'followUpId'> {
  @ApiPropertyOptional({ example: 'KORA har svaret' }) @IsOptional() @IsText(5000) note?: string;
}

export class RescheduleFollowUpDto implements Omit<RescheduleFollowUpInput, 'followUpId'> {
  @ApiProperty({ example: '2026-01-15' }) @IsCalendarDate() due!: string;
}

export class CancelFollowUpDto implements Omit<CancelFollowUpInput, 'followUpId'> {
  @ApiPropertyOptional() @IsOptional() @IsText(2000) reason?: string;
}

const statuses = ['open', 'overdue', 'done'] as const;

export class FollowUpsQueryDto extends ReadAfterQuery {
  @ApiPropertyOptional({ enum: statuses }) @IsOptional() @IsIn(statuses) status?: (typeof statuses)[number];
  @ApiPropertyOptional() @IsOptional() @IsId() forumId?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(300) owner?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() caseId?: string;
}
