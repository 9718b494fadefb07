import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CancelMeetingInput, RescheduleMeetingInput, ScheduleMeetingInput } from '@app/domain';
import { IsId, IsText, IsTimeWithOffset } from '../http/validators';

export class ScheduleMeetingDto implements Omit<ScheduleMeetingInput, 'meetingId'> {
  @ApiProperty({ example: 'styregruppen' }) @IsId() forumId!: string;
  @ApiProperty({ example: '2025-08-08T11:00:00+02:00' }) @IsTimeWithOffset() startsAt!: string;
  @ApiPropertyOptional({ example: '2025-08-08T14:00:00+02:00' }) @IsOptional() @IsTimeWithOffset() endsAt?: string;
  @ApiPropertyOptional({ example: 'Teams' }) @IsOptional() @IsText(300) place?: string;
}

export class RescheduleMeetingDto implements Omit<RescheduleMeetingInput, 'meetingId'> {
  @ApiProperty({ example: '2025-08-15T11:00:00+02:00' }) @IsTimeWithOffset() startsAt!: string;
  @ApiPropertyOptional({ example: '2025-08-15T14:00:00+02:00' }) @IsOptional() @IsTimeWithOffset() endsAt?: string;
  @ApiPropertyOptional({ example: 'Teams' }) @IsOptional() @IsText(300) place?: string;
}

export class CancelMeetingDto implements Omit<CancelMeetingInput, 'meetingId'> {
  @ApiPropertyOptional({ example: 'For få deltagere' }) @IsOptional() @IsText(2000) reason?: string;
}
