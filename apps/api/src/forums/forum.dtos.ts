import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MeetingDto } from '../meetings/meeting-answers.dtos';

export class ForumMemberDto {
  @ApiProperty({ example: 'Anne Holm' }) name!: string;
  @ApiPropertyOptional({ description: 'Only for the secretariat' }) email?: string;
  @ApiProperty({ enum: ['chair', 'member', 'secretary'] }) role!: string;
  @ApiPropertyOptional({ example: 'Køge Kommune' }) organisation?: string;
}

export class ForumDto {
  @ApiProperty({ example: 'styregruppen' }) id!: string;
  @ApiProperty({ example: 'Styregruppen' }) name!: string;
  @ApiPropertyOptional({ type: [String] }) aliases?: string[];
  @ApiPropertyOptional({ description: 'The next forum up the chain', example: 'k17' }) parentId?: string;
  @ApiProperty({ type: [ForumMemberDto] }) members!: ForumMemberDto[];
}

export class PipelineEntryDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['decision', 'information'] }) purpose!: string;
  @ApiPropertyOptional() fromForumId?: string;
  @ApiProperty({ enum: ['waiting', 'scheduled'] }) state!: string;
  @ApiPropertyOptional() meetingId?: string;
}

export class ForumPipelineDto {
  @ApiProperty() forumId!: string;
  @ApiPropertyOptional({ type: MeetingDto }) nextMeeting?: MeetingDto;
  @ApiProperty({ type: [PipelineEntryDto] }) cases!: PipelineEntryDto[];
}
