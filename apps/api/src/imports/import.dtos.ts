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
