import { CLOCK, Clock } from '@app/commands';
import { FORUMS } from '@app/config';
import { Forum, RefusedError, refuseAsNotFound } from '@app/domain';
import { casesProjection, forumCalendar, ForumPipeline, forumPipeline, meetingsProjection, ProjectionRunner } from '@app/read-side';
import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ReadAfterQuery } from '../http/read-after';

@ApiTags('forums')
@Controller('api/forums')
export class ForumsController {
  constructor(
    @Inject(FORUMS) private readonly forums: Forum[],
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
  ) {}

  @Get()
  list(@Query() _query: ReadAfterQuery): Forum[] {
    return this.forums;
  }

  @Get(':id/pipeline')
  pipeline(@Param('id') id: string, @Query() _query: ReadAfterQuery): ForumPipeline {
    this.forum(id);
    return forumPipeline(this.readModels.model(casesProjection), this.readModels.model(meetingsProjection), id, this.clock.now());
  }

  @Get(':id/calendar.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  calendar(@Param('id') id: string, @Query() _query: ReadAfterQuery): string {
    return forumCalendar(this.forum(id), this.readModels.model(meetingsProjection));
  }

  private forum(id: string): Forum {
    const forum = this.forums.find((candidate) => candidate.id === id);
    if (!forum) throw new RefusedError(refuseAsNotFound('forum.not_found', `Forummet ${id} findes ikke.`));
    return forum;
  }
}
