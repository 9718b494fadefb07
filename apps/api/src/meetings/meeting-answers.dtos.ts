import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MeetingDto {
  @ApiProperty({ example: 'styregruppen-2025-08-08' }) id!: string;
  @ApiProperty({ example: 'styregruppen' }) forumId!: string;
  @ApiProperty({ example: '2025-08-08T11:00:00+02:00' }) startsAt!: string;
  @ApiPropertyOptional({ example: '2025-08-08T14:00:00+02:00' }) endsAt?: string;
  @ApiPropertyOptional({ example: 'Teams' }) place?: string;
  @ApiProperty({ enum: ['scheduled', 'cancelled', 'held'] }) status!: string;
  @ApiPropertyOptional({ example: 'For få deltagere' }) cancelReason?: string;
}

export class AgendaItemDto {
  @ApiProperty({ example: 1 }) number!: number;
  @ApiProperty() caseId!: string;
  @ApiProperty({ example: 'Kapacitet på botilbud for voksne' }) title!: string;
  @ApiProperty({ enum: ['decision', 'discussion', 'information'] }) kind!: string;
  @ApiPropertyOptional({ example: 'Sekretariatet' }) presenter?: string;
  @ApiProperty({ enum: ['decision', 'information'] }) purpose!: string;
  @ApiProperty({ enum: ['scheduled', 'decided'] }) state!: string;
  @ApiPropertyOptional({ description: 'The earlier meeting it was carried over from: postponed, or moved from a cancelled meeting' }) carriedOverFrom?: string;
  @ApiPropertyOptional({ description: 'The forum it was forwarded from' }) fromForumId?: string;
}

export class MeetingAgendaDto {
  @ApiProperty({ type: MeetingDto }) meeting!: MeetingDto;
  @ApiProperty({ type: [AgendaItemDto] }) items!: AgendaItemDto[];
}

export class MeetingsPageDto {
  @ApiProperty({ type: [MeetingDto] }) items!: MeetingDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last' }) nextCursor?: string;
}
