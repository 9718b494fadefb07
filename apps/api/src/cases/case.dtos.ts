import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CASE_STAGES, CaseStage } from '@app/read-side';
import { ReadAfterQuery } from '../http/read-after';
import { HasNoControlCharacters, IsCalendarDate, IsId, IsText } from '../http/validators';
import { AssignFollowUpInput, DecideCaseInput, ForwardCaseInput, PostponeCaseInput, ProposeCaseInput, ScheduleCaseInput, WithdrawCaseInput } from '@app/domain';

const kinds = ['decision', 'discussion', 'information'] as const;
const outcomes = ['approved', 'noted', 'rejected', 'decided'] as const;
const purposes = ['decision', 'information'] as const;

export class AttachmentDto {
  @ApiProperty({ example: 'Årsrapport 2024' }) @IsText(500) title!: string;
  @ApiPropertyOptional({ example: 'https://example.org/bilag.pdf' }) @IsOptional() @IsUrl({ require_protocol: true }) url?: string;
}

export class ProposeCaseDto implements Omit<ProposeCaseInput, 'caseId'> {
  @ApiProperty({ example: 'styregruppen' }) @IsId() forumId!: string;
  @ApiProperty({ example: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem' }) @IsText(500) title!: string;
  @ApiProperty({ enum: kinds }) @IsIn(kinds) kind!: (typeof kinds)[number];
  @ApiPropertyOptional() @IsOptional() @IsText(20000) summary?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(5000, { each: true })
  @HasNoControlCharacters({ each: true })
  recommendation?: string[];
  @ApiPropertyOptional() @IsOptional() @IsText(100000) background?: string;
  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
  @ApiPropertyOptional({ example: 'Sekretariatet' }) @IsOptional() @IsText(300) presenter?: string;
  @ApiPropertyOptional({ description: 'A standing item of the forum’s meetings ("Godkendelse af dagsorden", "Evt."); the case list leaves these out unless asked' })
  @IsOptional()
  @IsBoolean()
  standing?: boolean;
}

export class ScheduleCaseDto implements Omit<ScheduleCaseInput, 'caseId'> {
  @ApiProperty() @IsId() meetingId!: string;
}

export class PostponeCaseDto implements Omit<PostponeCaseInput, 'caseId'> {
  @ApiProperty() @IsId() fromMeetingId!: string;
  @ApiPropertyOptional({ description: "Absent: the forum's next meeting" }) @IsOptional() @IsId() toMeetingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(2000) reason?: string;
}

export class DecideCaseDto implements Omit<DecideCaseInput, 'caseId'> {
  @ApiProperty() @IsId() meetingId!: string;
  @ApiProperty({ enum: outcomes }) @IsIn(outcomes) outcome!: (typeof outcomes)[number];
  @ApiProperty({ example: 'Styregruppen tiltrådte indstillingen.' }) @IsText(20000) text!: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(5000, { each: true })
  @HasNoControlCharacters({ each: true })
  points?: string[];
}

export class ForwardCaseDto implements Omit<ForwardCaseInput, 'caseId'> {
  @ApiProperty() @IsId() meetingId!: string;
  @ApiProperty({ type: [String], example: ['k17', 'kkr-sjaelland'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsId({ each: true })
  toForumIds!: string[];
  @ApiProperty({ enum: purposes }) @IsIn(purposes) purpose!: (typeof purposes)[number];
}

export class WithdrawCaseDto implements Omit<WithdrawCaseInput, 'caseId'> {
  @ApiPropertyOptional() @IsOptional() @IsText(2000) reason?: string;
}

export class OwnerDto {
  @ApiProperty({ example: 'Sekretariatet' }) @IsText(300) name!: string;
  @ApiPropertyOptional({ example: 'sekretariat@rammeaftale.example' }) @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: 'Slagelse Kommune' }) @IsOptional() @IsText(300) organisation?: string;
}

export class AssignFollowUpDto implements Omit<AssignFollowUpInput, 'caseId' | 'followUpId'> {
  @ApiProperty({ example: 'Sekretariatet kontakter KORA om evalueringen' }) @IsText(5000) description!: string;
  @ApiProperty({ type: [OwnerDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OwnerDto)
  owners!: OwnerDto[];
  @ApiPropertyOptional({ example: '2025-12-01' }) @IsOptional() @IsCalendarDate() due?: string;
  @ApiPropertyOptional({ example: 'styregruppen' }) @IsOptional() @IsId() dueBeforeMeetingOfForumId?: string;
}

const caseStatuses = ['open', 'withdrawn', 'closed'] as const;

export class CasesQueryDto extends ReadAfterQuery {
  @ApiPropertyOptional({ description: 'Words looked for in titles and decisions' }) @IsOptional() @IsText(300) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() forumId?: string;
  @ApiPropertyOptional({ enum: caseStatuses }) @IsOptional() @IsIn(caseStatuses) status?: (typeof caseStatuses)[number];
  @ApiPropertyOptional({ enum: CASE_STAGES, description: 'In the forum asked for, or overall' }) @IsOptional() @IsIn(CASE_STAGES) stage?: CaseStage;
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the page before' }) @IsOptional() @IsString() @MaxLength(400) cursor?: string;
  @ApiPropertyOptional({ description: 'Only open cases waiting too long (AGEING_POSTPONEMENTS, AGEING_DAYS)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  aged?: boolean;
  @ApiPropertyOptional({ description: 'Standing items too (approval of the agenda, "Evt.", "Næste møde"); left out by default' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  standing?: boolean;
}
