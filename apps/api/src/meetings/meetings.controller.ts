import { Allow, forbidden, Principal, seesForum, SignedIn } from '@app/access';
import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { RefusedError, refuseAsNotFound } from '@app/domain';
import { casesProjection, MeetingAgenda, meetingAgenda, meetingCasesProjection, meetingsProjection, MeetingView, Page, pageMeetings, ProjectionRunner, StreamViews } from '@app/read-side';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandDoc, QueryDoc } from '../http/api-docs';
import { EmptyDto } from '../http/command-result.dto';
import { pageAsked, PageQuery } from '../http/page-query';
import { ReadAfterQuery } from '../http/read-after';
import { IsCalendarDate, IsId } from '../http/validators';
import { MeetingAgendaDto, MeetingDto, MeetingsPageDto } from './meeting-answers.dtos';
import { CancelMeetingDto, RescheduleMeetingDto, ScheduleMeetingDto } from './meeting.dtos';

class MeetingsQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'styregruppen' }) @IsOptional() @IsId() forumId?: string;
  @ApiPropertyOptional({ example: '2025-08-01', description: 'Meetings on this date or later' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2025-12-31', description: 'Meetings on this date or earlier' }) @IsOptional() @IsCalendarDate() to?: string;
}

const meetingNotFound = (id: string) => new RefusedError(refuseAsNotFound('meeting.not_found', `Mødet ${id} findes ikke.`));

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/meetings')
export class MeetingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ProjectionRunner,
    private readonly views: StreamViews,
  ) {}

  @Post()
  @CommandDoc({ summary: 'Schedule a meeting of a forum', created: true, conflicts: ['meeting.already_exists', 'meeting.invalid_times'] })
  schedule(@Body() body: ScheduleMeetingDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('schedule-meeting', body, context));
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @CommandDoc({ summary: 'Move a meeting to another time', notFound: ['meeting.not_found'], conflicts: ['meeting.cancelled', 'meeting.held', 'meeting.unchanged', 'meeting.in_past', 'meeting.invalid_times'] })
  reschedule(@Param('id') id: string, @Body() body: RescheduleMeetingDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('reschedule-meeting', { meetingId: id, ...body }, context));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @CommandDoc({ summary: 'Cancel a meeting; its cases move to the next one', notFound: ['meeting.not_found'], conflicts: ['meeting.cancelled', 'meeting.held'] })
  cancel(@Param('id') id: string, @Body() body: CancelMeetingDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('cancel-meeting', { meetingId: id, ...body }, context));
  }

  @Post(':id/held')
  @HttpCode(200)
  @CommandDoc({ summary: 'Record that a meeting was held', notFound: ['meeting.not_found'], conflicts: ['meeting.cancelled', 'meeting.held', 'meeting.not_started'] })
  held(@Param('id') id: string, @Body() _body: EmptyDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('mark-meeting-held', { meetingId: id }, context));
  }

  @Get()
  @Allow('chair', 'member')
  @QueryDoc({ summary: 'List meetings, of one forum or between two dates, earliest first, a page at a time', type: MeetingsPageDto })
  list(@Query() query: MeetingsQueryDto, @SignedIn() principal: Principal): Page<MeetingView> {
    const { forumId, from, to } = query;
    const visible = (meeting: MeetingView): boolean => seesForum(principal, meeting.forumId);
    return pageAsked(query, (request) => pageMeetings(this.readModels.model(meetingsProjection), { forumId, from, to, visible }, request));
  }

  @Get(':id')
  @Allow('chair', 'member')
  @QueryDoc({ summary: 'Show one meeting', type: MeetingDto, notFound: ['meeting.not_found'] })
  async get(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): Promise<MeetingView> {
    const meeting = await this.views.meeting(id);
    if (!meeting) throw meetingNotFound(id);
    if (!seesForum(principal, meeting.forumId)) throw forbidden();
    return meeting;
  }

  @Get(':id/agenda')
  @Allow('chair', 'member')
  @QueryDoc({ summary: "Show a meeting's agenda: its cases in order, carried-over ones marked", type: MeetingAgendaDto, notFound: ['meeting.not_found'] })
  agenda(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): MeetingAgenda {
    const agenda = meetingAgenda(this.readModels.model(casesProjection), this.readModels.model(meetingsProjection), id, this.readModels.model(meetingCasesProjection));
    if (!agenda) throw meetingNotFound(id);
    if (!seesForum(principal, agenda.meeting.forumId)) throw forbidden();
    return agenda;
  }
}
