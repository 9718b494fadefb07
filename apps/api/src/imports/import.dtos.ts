import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ReviewMinutesInput } from '@app/domain';
import { MAX_MINUTES_LENGTH } from '@app/minutes-import';
import { IsCalendarDate, IsId, IsText } from '../http/validators';

export class ImportMinutesDto implements Omit<ReviewMinutesInput, 'importId'> {
  @ApiProperty({ description: `The minutes as plain text, at most ${MAX_MINUTES_LENGTH} characters` }) @IsString() @MaxLength(MAX_MINUTES_LENGTH) text!: string;
  @ApiPropertyOptional({ example: 'styregruppen' }) @IsOptional() @IsId() forumId?: string;
  @ApiPropertyOptional({ example: '2025-09-19', description: 'For minutes without a date line' }) @IsOptional() @IsCalendarDate() meetingDate?: string;
  @ApiPropertyOptional({ example: 'styregruppe-2025-09-19-referat.txt' }) @IsOptional() @IsText(300) fileName?: string;
}

const OBJECT = { type: 'object', additionalProperties: true } as const;

export class ImportReviewDto {
  @ApiProperty({ description: 'The id to commit it by' }) id!: string;
  @ApiProperty({ description: 'Global position of the record of the review' }) position!: number;
  @ApiProperty({ ...OBJECT, description: 'What was read: the meeting, participants, absences, items with their outcomes, meetings to plan, warnings' }) report!: Record<string, unknown>;
  @ApiProperty({ ...OBJECT, description: 'steps: the commands the import will run, each with its source lines' }) plan!: Record<string, unknown>;
}

export class ImportDto {
  @ApiProperty() id!: string;
  @ApiProperty(OBJECT) report!: Record<string, unknown>;
  @ApiProperty(OBJECT) plan!: Record<string, unknown>;
  @ApiPropertyOptional({ ...OBJECT, description: 'Present once committed' }) committed?: Record<string, unknown>;
}

export class ImportResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() meetingId!: string;
  @ApiPropertyOptional({ description: 'Set where these minutes were imported before: that import, and nothing was run again' }) importedBefore?: string;
  @ApiProperty() appended!: number;
  @ApiProperty({ description: 'Steps found in the log already' }) already!: number;
  @ApiPropertyOptional({ description: 'Global position of the last event appended, for ?after=' }) position?: number;
  @ApiProperty({ type: 'array', items: OBJECT }) steps!: Record<string, unknown>[];
}
