import { Allow, forbidden, Principal, seesForum, SignedIn } from '@app/access';
import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { RefusedError, refuseAsNotFound } from '@app/domain';
import { casesProjection, listMeetings, MeetingAgenda, meetingAgenda, meetingsProjection, MeetingView, ProjectionRunner, StreamViews } from '@app/read-side';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandResultDto, EmptyDto } from '../http/command-result.dto';
import { ErrorBody } from '../http/error-body';
import { ReadAfterQuery } from '../http/read-after';
import { IsCalendarDate, IsId } from '../http/validators';
import { CancelMeetingDto, RescheduleMeetingDto, ScheduleMeetingDto } from './meeting.dtos';

class MeetingsQueryDto extends ReadAfterQuery {
  @IsOptional() @IsId() forumId?: string;
  @IsOptional() @IsCalendarDate() from?: string;
  @IsOptional() @IsCalendarDate() to?: string;
}

const meetingNotFound = (id: string) => new RefusedError(refuseAsNotFound('meeting.not_found', `Mødet ${id} findes ikke.`));

@ApiTags('meetings')
@ApiConflictResponse({ type: ErrorBody })
@Controller('api/meetings')
export class MeetingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ProjectionRunner,
    private readonly views: StreamViews,
  ) {}

  @Post()
  @ApiOkResponse({ type: CommandResultDto })
  schedule(@Body() body: ScheduleMeetingDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('schedule-meeting', body, context));
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  reschedule(@Param('id') id: string, @Body() body: RescheduleMeetingDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('reschedule-meeting', { meetingId: id, ...body }, context));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string, @Body() body: CancelMeetingDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('cancel-meeting', { meetingId: id, ...body }, context));
  }

  @Post(':id/held')
  @HttpCode(200)
  held(@Param('id') id: string, @Body() _body: EmptyDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('mark-meeting-held', { meetingId: id }, context));
  }

  @Get()
  @Allow('chair', 'member')
  list(@Query() query: MeetingsQueryDto, @SignedIn() principal: Principal): MeetingView[] {
    return listMeetings(this.readModels.model(meetingsProjection), query).filter((meeting) => seesForum(principal, meeting.forumId));
  }

  @Get(':id')
  @Allow('chair', 'member')
  async get(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): Promise<MeetingView> {
    const meeting = await this.views.meeting(id);
    if (!meeting) throw meetingNotFound(id);
    if (!seesForum(principal, meeting.forumId)) throw forbidden();
    return meeting;
  }

  @Get(':id/agenda')
  @Allow('chair', 'member')
  agenda(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): MeetingAgenda {
    const agenda = meetingAgenda(this.readModels.model(casesProjection), this.readModels.model(meetingsProjection), id);
    if (!agenda) throw meetingNotFound(id);
    if (!seesForum(principal, agenda.meeting.forumId)) throw forbidden();
    return agenda;
  }
}
