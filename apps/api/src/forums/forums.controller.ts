import { Allow, forbidden, Principal, seesForum, SignedIn } from '@app/access';
import { CLOCK, Clock } from '@app/commands';
import { FORUMS } from '@app/config';
import { Forum, ForumMember, RefusedError, refuseAsNotFound } from '@app/domain';
import { casesProjection, forumCalendar, ForumPipeline, forumPipeline, meetingsProjection, ProjectionRunner } from '@app/read-side';
import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { QueryDoc } from '../http/api-docs';
import { ForumDto, ForumPipelineDto } from './forum.dtos';
import { ReadAfterQuery } from '../http/read-after';

/** A forum as listed: members' addresses only for the secretariat. */
export type ListedForum = Omit<Forum, 'members'> & { members: (Omit<ForumMember, 'email'> & { email?: string })[] };

@ApiTags('forums')
@ApiBearerAuth()
@Controller('api/forums')
export class ForumsController {
  constructor(
    @Inject(FORUMS) private readonly forums: Forum[],
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
  ) {}

  /** Members' e-mail addresses are the secretariat's to see. */
  @Get()
  @Allow('chair', 'member')
  @QueryDoc({ summary: 'List the forums with their place in the chain and their members', type: [ForumDto] })
  list(@Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): ListedForum[] {
    if (principal.role === 'secretariat') return this.forums;
    return this.forums.map((forum) => ({ ...forum, members: forum.members.map(({ email: _email, ...member }) => member) }));
  }

  @Get(':id/pipeline')
  @Allow('chair', 'member')
  @QueryDoc({ summary: 'Show what waits for a forum: cases forwarded to it, and those on its next meeting', type: ForumPipelineDto, notFound: ['forum.not_found'] })
  pipeline(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): ForumPipeline {
    this.forum(id, principal);
    return forumPipeline(this.readModels.model(casesProjection), this.readModels.model(meetingsProjection), id, this.clock.now());
  }

  @Get(':id/calendar.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @Allow('chair', 'member')
  @QueryDoc({ summary: "Get a forum's meetings as an iCalendar file", type: 'The meetings as iCalendar (RFC 5545)', produces: 'text/calendar', notFound: ['forum.not_found'] })
  calendar(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): string {
    return forumCalendar(this.forum(id, principal), this.readModels.model(meetingsProjection));
  }

  private forum(id: string, principal: Principal): Forum {
    const forum = this.forums.find((candidate) => candidate.id === id);
    if (!forum) throw new RefusedError(refuseAsNotFound('forum.not_found', `Forummet ${id} findes ikke.`));
    if (!seesForum(principal, id)) throw forbidden();
    return forum;
  }
}
