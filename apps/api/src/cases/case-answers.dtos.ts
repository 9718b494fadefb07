import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STAGES } from '@app/read-side';
import { AttachmentDto } from './case.dtos';

const stepStates = ['waiting', 'scheduled', 'decided'];

export class CaseInForumDto {
  @ApiProperty({ example: 'k17' }) forumId!: string;
  @ApiProperty({ enum: stepStates }) state!: string;
  @ApiPropertyOptional() meetingId?: string;
}

export class CaseListItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['decision', 'discussion', 'information'] }) kind!: string;
  @ApiProperty({ description: 'The forum it was raised in' }) forumId!: string;
  @ApiProperty({ description: 'A standing item of the forum’s meetings; listed only with standing=true' }) standing!: boolean;
  @ApiProperty({ enum: ['open', 'withdrawn', 'closed'] }) status!: string;
  @ApiProperty({ enum: CASE_STAGES, description: 'In the forum asked for, or overall' }) stage!: string;
  @ApiProperty({ type: [CaseInForumDto] }) forums!: CaseInForumDto[];
  @ApiProperty({ description: 'How many times it was postponed' }) postponements!: number;
  @ApiPropertyOptional() lastPostponedAt?: string;
}

export class CaseListPageDto {
  @ApiProperty({ type: [CaseListItemDto] }) items!: CaseListItemDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last' }) nextCursor?: string;
}

export class ForumStepDto {
  @ApiProperty() forumId!: string;
  @ApiProperty({ enum: ['decision', 'information'] }) purpose!: string;
  @ApiProperty({ enum: stepStates }) state!: string;
  @ApiPropertyOptional() meetingId?: string;
  @ApiPropertyOptional() startsAt?: string;
  @ApiPropertyOptional() fromForumId?: string;
  @ApiPropertyOptional() carriedOverFrom?: string;
  @ApiPropertyOptional({ description: 'Orders the cases in a forum by when they arrived' }) since?: number;
}

export class CaseDecisionDto {
  @ApiProperty() forumId!: string;
  @ApiProperty() meetingId!: string;
  @ApiProperty({ enum: ['approved', 'noted', 'rejected', 'decided'] }) outcome!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) points!: string[];
  @ApiProperty() decidedAt!: string;
}

export class CaseForwardDto {
  @ApiProperty() fromForumId!: string;
  @ApiProperty() fromMeetingId!: string;
  @ApiProperty({ type: [String] }) toForumIds!: string[];
  @ApiProperty({ enum: ['decision', 'information'] }) purpose!: string;
  @ApiProperty() forwardedAt!: string;
}

export class CaseDetailsDto {
  @ApiProperty() id!: string;
  @ApiProperty() forumId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['decision', 'discussion', 'information'] }) kind!: string;
  @ApiPropertyOptional() summary?: string;
  @ApiProperty({ type: [String] }) recommendation!: string[];
  @ApiPropertyOptional() background?: string;
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
  @ApiPropertyOptional() presenter?: string;
  @ApiProperty({ enum: ['open', 'withdrawn', 'closed'] }) status!: string;
  @ApiProperty({ type: [ForumStepDto] }) forums!: ForumStepDto[];
  @ApiProperty({ type: [CaseDecisionDto] }) decisions!: CaseDecisionDto[];
  @ApiProperty({ type: [CaseForwardDto] }) forwards!: CaseForwardDto[];
  @ApiProperty() proposedAt!: string;
  @ApiProperty({ description: 'Also in the ETag header; send it back as If-Match' }) revision!: number;
}

export class CaseEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'CaseProposed' }) type!: string;
  @ApiProperty({ description: "The event's revision in the case's stream" }) revision!: number;
  @ApiProperty({ description: 'Its position in the whole log' }) position!: number;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As the event type defines it' }) data!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'correlationId, causationId, userId' }) metadata!: Record<string, unknown>;
}

export class FlowStepDto {
  @ApiProperty() forumId!: string;
  @ApiPropertyOptional() meetingId?: string;
  @ApiPropertyOptional({ description: "The meeting's start, else when it happened" }) at?: string;
  @ApiProperty({ example: 'decided', description: 'proposed, scheduled, postponed, decided, forwarded, withdrawn, closed, waiting, ...' }) what!: string;
  @ApiProperty({ enum: ['done', 'scheduled', 'waiting'] }) status!: string;
  @ApiPropertyOptional({ enum: ['approved', 'noted', 'rejected', 'decided'] }) outcome?: string;
  @ApiPropertyOptional() text?: string;
  @ApiPropertyOptional({ type: [String] }) toForumIds?: string[];
  @ApiPropertyOptional() toMeetingId?: string;
  @ApiPropertyOptional({ enum: ['decision', 'information'] }) purpose?: string;
}

export class WaitingPlaceDto {
  @ApiProperty() forumId!: string;
  @ApiPropertyOptional() meetingId?: string;
  @ApiPropertyOptional() startsAt?: string;
}

export class CaseFlowDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['open', 'withdrawn', 'closed'] }) status!: string;
  @ApiProperty({ type: [FlowStepDto] }) steps!: FlowStepDto[];
  @ApiProperty({ type: [WaitingPlaceDto], description: 'Forums with no meeting yet, or the coming meeting it is on' }) waitsIn!: WaitingPlaceDto[];
}
