import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CancelFollowUpInput, CompleteFollowUpInput, RescheduleFollowUpInput } from '@app/domain';
import { PageQuery } from '../http/page-query';
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

export class FollowUpsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: statuses }) @IsOptional() @IsIn(statuses) status?: (typeof statuses)[number];
  @ApiPropertyOptional() @IsOptional() @IsId() forumId?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(300) owner?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() caseId?: string;
}

export class ListedOwnerDto {
  @ApiProperty({ example: 'Slagelse Kommune' }) name!: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() organisation?: string;
  @ApiProperty({ description: 'Whether reminders reach the owner, by its own address or the directory' }) reachable!: boolean;
  @ApiPropertyOptional({ enum: ['ingen e-mailadresse'] }) note?: string;
}

export class ListedFollowUpDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() forumId!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [ListedOwnerDto] }) owners!: ListedOwnerDto[];
  @ApiPropertyOptional({ example: '2025-12-01' }) due?: string;
  @ApiPropertyOptional() dueBeforeMeetingOfForumId?: string;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status!: string;
  @ApiProperty() assignedAt!: string;
  @ApiPropertyOptional() completedAt?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ enum: ['owner', 'secretariat', 'chair', 'agenda'], description: 'The last step of the escalation ladder taken' }) escalatedTo?: string;
  @ApiPropertyOptional({ description: 'Its own due date, or the date of the meeting it must be done before' }) dueDate?: string;
  @ApiPropertyOptional() dueMeetingId?: string;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional() daysOverdue?: number;
}

export class FollowUpsPageDto {
  @ApiProperty({ type: [ListedFollowUpDto] }) items!: ListedFollowUpDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last' }) nextCursor?: string;
}
