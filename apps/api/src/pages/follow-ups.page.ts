import { Allow, forbidden, PageRoutes, Principal, seesForum } from '@app/access';
import { CLOCK, Clock } from '@app/commands';
import { EscalationLevel } from '@app/domain';
import { casesProjection, followUpsModelsOf, FollowUpView, listFollowUps, meetingsProjection, ProjectionRunner } from '@app/read-side';
import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { FollowUpAccess } from '../follow-ups/follow-up-access';
import { field, localPath, Outcome, PageActions } from './page-actions';
import { PageFrames, PageRequest } from './page-frames';
import { PagesFilter } from './pages.filter';
import { FollowUpRow, followUpsPage } from './views/follow-ups.view';

/** A page shows this many rows at most; the oldest first, so what is most overdue is always on it. */
const ROWS_SHOWN = 200;

const ESCALATION_NAMES: Record<EscalationLevel, string> = { owner: 'ejeren', secretariat: 'sekretariatet', chair: 'formanden', agenda: 'næste dagsorden' };

const NOTICES: Record<string, string> = {
  udfoert: 'Opfølgningen er markeret som udført.',
  frist: 'Den nye frist er gemt.',
  paamindet: 'Påmindelsen er sendt til ejeren.',
};

interface Refused {
  followUpId: string;
  message: string;
  due?: string;
}

/** The chair's overview of overdue follow-ups, a member's own follow-ups, and what both may do with them. */
@ApiExcludeController()
@PageRoutes()
@UseFilters(PagesFilter)
@Controller()
export class FollowUpsPage {
  constructor(
    private readonly readModels: ProjectionRunner,
    private readonly access: FollowUpAccess,
    private readonly actions: PageActions,
    private readonly frames: PageFrames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('oversigt')
  @Allow('chair')
  overview(@Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('forum') forum?: string, @Query('ok') ok?: string): string {
    if (forum && !seesForum(this.principal(request), forum)) throw forbidden();
    return this.renderOverview(request, reply, forum || undefined, ok);
  }

  @Get('mine')
  @Allow('chair', 'member')
  mine(@Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('ok') ok?: string): string {
    return this.renderMine(request, reply, ok);
  }

  @Post('opfoelgninger/:id/udfoert')
  @Allow('chair', 'member')
  async complete(@Param('id') id: string, @Body() body: unknown, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    this.access.mayAct(this.principal(request), id, ['chair', 'member']);
    return this.after(request, reply, body, 'udfoert', await this.actions.send(request, 'complete-follow-up', { followUpId: id }), { followUpId: id, message: '' });
  }

  @Post('opfoelgninger/:id/frist')
  @Allow('chair')
  async reschedule(@Param('id') id: string, @Body() body: unknown, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    this.access.mayAct(this.principal(request), id, ['chair']);
    const due = field(body, 'frist');
    const outcome: Outcome = due ? await this.actions.send(request, 'reschedule-follow-up', { followUpId: id, due }) : { refusal: 'Skriv den nye frist.' };
    return this.after(request, reply, body, 'frist', outcome, { followUpId: id, message: '', due });
  }

  @Post('opfoelgninger/:id/paamind')
  @Allow('chair')
  async remind(@Param('id') id: string, @Body() body: unknown, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    this.access.mayAct(this.principal(request), id, ['chair']);
    return this.after(request, reply, body, 'paamindet', await this.actions.send(request, 'request-follow-up-reminder', { followUpId: id }), { followUpId: id, message: '' });
  }

  /** Back to the page the form was on with a line saying it was done, or that page again with the refusal beside the form. */
  private after(request: PageRequest, reply: FastifyReply, body: unknown, done: string, outcome: Outcome, refused: Refused): void {
    const back = localPath(field(body, 'tilbage')) ?? '/oversigt';
    const [path, query = ''] = back.split('?');
    if ('done' in outcome) {
      void reply.redirect(`${path}?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), ok: done }).toString()}`, 303);
      return;
    }
    const failure = { ...refused, message: outcome.refusal };
    if (path === '/mine' || path === '/oversigt') {
      const html = path === '/mine' ? this.renderMine(request, reply, undefined, failure) : this.renderOverview(request, reply, new URLSearchParams(query).get('forum') || undefined, undefined, failure);
      void reply.status(409).type('text/html; charset=utf-8').send(html);
      return;
    }
    void reply.redirect(`${path}?${new URLSearchParams({ fejl: outcome.refusal }).toString()}`, 303);
  }

  private renderOverview(request: PageRequest, reply: FastifyReply, forumId: string | undefined, ok?: string, refused?: Refused): string {
    const principal = this.principal(request);
    const overdue = this.list({ status: 'overdue', forumId }).filter((view) => this.access.mayRead(principal, view));
    const forums = this.frames.forums
      .filter((forum) => principal.role === 'secretariat' || principal.forumIds.includes(forum.id))
      .map((forum) => ({ id: forum.id, name: forum.name, selected: forum.id === forumId }));
    void reply.type('text/html; charset=utf-8');
    return followUpsPage({
      frame: this.frames.frame(request, reply, 'Overskredne opfølgninger', principal, '/oversigt', ok ? NOTICES[ok] : undefined),
      intro: principal.role === 'secretariat' ? 'Alle foras opfølgninger, der er over fristen, de ældste først.' : 'Opfølgninger i dine fora, der er over fristen, de ældste først.',
      empty: 'Ingen opfølgninger er over fristen.',
      forums,
      back: forumId ? `/oversigt?forum=${encodeURIComponent(forumId)}` : '/oversigt',
      ...this.rows(principal, overdue, refused),
    });
  }

  private renderMine(request: PageRequest, reply: FastifyReply, ok?: string, refused?: Refused): string {
    const principal = this.principal(request);
    const mine = this.list({ status: 'open' }).filter((view) => this.access.owns(principal, view));
    void reply.type('text/html; charset=utf-8');
    return followUpsPage({
      frame: this.frames.frame(request, reply, 'Mine opfølgninger', principal, '/mine', ok ? NOTICES[ok] : undefined),
      intro: 'De opfølgninger, du er ejer af, og som endnu ikke er udført. Markér dem som udført, når de er klaret.',
      empty: 'Du har ingen åbne opfølgninger.',
      back: '/mine',
      ...this.rows(principal, mine, refused),
    });
  }

  private list(filter: { status: 'open' | 'overdue'; forumId?: string }): FollowUpView[] {
    return listFollowUps(
      followUpsModelsOf(this.readModels),
      this.readModels.model(meetingsProjection),
      filter,
      this.frames.today(this.clock.now()),
    );
  }

  private rows(principal: Principal, views: FollowUpView[], refused?: Refused): { rows: FollowUpRow[]; shown: number; total: number } {
    const cases = this.readModels.model(casesProjection);
    const rows = views.slice(0, ROWS_SHOWN).map((view): FollowUpRow => {
      const mayChange = principal.role === 'secretariat' || (principal.role === 'chair' && principal.forumIds.includes(view.forumId));
      const refusal = refused?.followUpId === view.id ? refused : undefined;
      return {
        id: view.id,
        description: view.description,
        owners: view.owners.map((owner) => owner.name).join(', '),
        caseId: view.caseId,
        caseTitle: cases.get(view.caseId)?.title ?? view.caseId,
        forumName: this.frames.forumName(view.forumId),
        due: this.frames.date(view.dueDate),
        dueInput: refusal?.due,
        daysOverdue: view.daysOverdue,
        overdue: view.overdue,
        escalation: view.escalatedTo ? ESCALATION_NAMES[view.escalatedTo] : '–',
        canReschedule: mayChange,
        canRemind: mayChange,
        refusal: refusal?.message,
      };
    });
    return { rows, shown: rows.length, total: views.length };
  }

  private principal(request: PageRequest): Principal {
    if (!request.principal) throw new Error('A page that acts for someone must not be public');
    return request.principal;
  }
}
