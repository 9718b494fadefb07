import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsId, IsText, IsTimeWithOffset } from '../http/validators';

export class ScheduleMeetingDto {
  @ApiProperty({ example: 'styregruppen' }) @IsId() forumId!: string;
  @ApiProperty({ example: '2025-08-08T11:00:00+02:00' }) @IsTimeWithOffset() startsAt!: string;
  @ApiPropertyOptional({ example: '2025-08-08T14:00:00+02:00' }) @IsOptional() @IsTimeWithOffset() endsAt?: string;
  @ApiPropertyOptional({ example: 'Teams' }) @IsOptional() @IsText(300) place?: string;
}

export class RescheduleMeetingDto {
  @ApiProperty({ example: '2025-08-15T11:00:00+02:00' }) @IsTimeWithOffset() startsAt!: string;
  @ApiPropertyOptional({ example: '2025-08-15T14:00:00+02:00' }) @IsOptional() @IsTimeWithOffset() endsAt?: string;
  @ApiPropertyOptional({ example: 'Teams' }) @IsOptional() @IsText(300) place?: string;
}

export class CancelMeetingDto {
  @ApiPropertyOptional({ example: 'For få deltagere' }) @IsOptional() @IsText(2000) reason?: string;
}
