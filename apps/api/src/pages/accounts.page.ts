import { AccessService, hashPassword, PageRoutes, Principal } from '@app/access';
import { RefusedError, refuseAsNotFound, Role } from '@app/domain';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { field, Outcome, PageActions } from './page-actions';
import { PageFrames, PageRequest, ROLE_NAMES } from './page-frames';
import { PagesFilter } from './pages.filter';
import { accountPage, accountsPage, AccountsPageData } from './views/accounts.view';

const MIN_PASSWORD = 12;
const ROLES: Role[] = ['member', 'chair', 'secretariat'];
const NOTICES: Record<string, string> = {
  oprettet: 'Kontoen er oprettet.',
  lukket: 'Kontoen er lukket; dens tokens virker ikke længere.',
  kode: 'Adgangskoden er skiftet; kontoens tidligere tokens virker ikke længere.',
  rolle: 'Rollen og foraene er gemt.',
};

/** The secretariat manages accounts: who may sign in, with which role, for which forums. */
@ApiExcludeController()
@PageRoutes()
@UseFilters(PagesFilter)
@Controller('konti')
export class AccountsPage {
  constructor(
    private readonly access: AccessService,
    private readonly actions: PageActions,
    private readonly frames: PageFrames,
  ) {}

  @Get()
  show(@Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('ok') ok?: string): string {
    void reply.type('text/html; charset=utf-8');
    return this.page(request, reply, { typed: {} }, ok ? NOTICES[ok] : undefined);
  }

  @Post()
  async create(@Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const email = field(body, 'email') ?? '';
    const name = field(body, 'name') ?? '';
    const role = (ROLES.includes(body.role as Role) ? body.role : 'member') as Role;
    const forumIds = this.frames.forums.filter((forum) => body[`forum-${forum.id}`] === '1').map((forum) => forum.id);
    const password = body.password ?? '';
    const outcome: Outcome =
      password.length < MIN_PASSWORD
        ? { refusal: `Adgangskoden skal være mindst ${MIN_PASSWORD} tegn.` }
        : await this.actions.send(request, 'create-account', { email, name, role, forumIds, passwordHash: await hashPassword(password) });
    if ('done' in outcome) {
      void reply.redirect('/konti?ok=oprettet', 303);
      return;
    }
    const html = this.page(request, reply, { typed: { email, name }, refusal: { formId: 'konto', message: outcome.refusal } }, undefined, role, forumIds);
    void reply.status(409).type('text/html; charset=utf-8').send(html);
  }

  @Get(':id')
  account(@Param('id') id: string, @Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.type('text/html; charset=utf-8');
    return this.accountForm(request, reply, id);
  }

  @Post(':id/rolle')
  async grant(@Param('id') id: string, @Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const role = (ROLES.includes(body.role as Role) ? body.role : 'member') as Role;
    const forumIds = this.frames.forums.filter((forum) => body[`forum-${forum.id}`] === '1').map((forum) => forum.id);
    const outcome = await this.actions.send(request, 'grant-account-role', { accountId: id, role, forumIds });
    if ('done' in outcome) {
      void reply.redirect('/konti?ok=rolle', 303);
      return;
    }
    void reply.status(409).type('text/html; charset=utf-8').send(this.accountForm(request, reply, id, { formId: 'rolle', message: outcome.refusal }, role, forumIds));
  }

  @Post(':id/kode')
  async changePassword(@Param('id') id: string, @Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const password = body.password ?? '';
    const outcome: Outcome =
      password.length < MIN_PASSWORD
        ? { refusal: `Adgangskoden skal være mindst ${MIN_PASSWORD} tegn.` }
        : await this.actions.send(request, 'change-account-password', { accountId: id, passwordHash: await hashPassword(password) });
    if ('done' in outcome) {
      void reply.redirect('/konti?ok=kode', 303);
      return;
    }
    void reply.status(409).type('text/html; charset=utf-8').send(this.page(request, reply, { typed: {}, refusal: { formId: 'konto', message: outcome.refusal } }));
  }

  @Post(':id/luk')
  async disable(@Param('id') id: string, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.actions.send(request, 'disable-account', { accountId: id });
    if ('done' in outcome) {
      void reply.redirect('/konti?ok=lukket', 303);
      return;
    }
    void reply.status(409).type('text/html; charset=utf-8').send(this.page(request, reply, { typed: {}, refusal: { formId: 'konto', message: outcome.refusal } }));
  }

  private accountForm(request: PageRequest, reply: FastifyReply, id: string, refusal?: { formId: string; message: string }, role?: Role, forumIds?: string[]): string {
    const account = this.access.account(id);
    if (!account) throw new RefusedError(refuseAsNotFound('account.not_found', `Kontoen ${id} findes ikke.`));
    const shownRole = role ?? account.role;
    const shownForums = forumIds ?? account.forumIds;
    return accountPage({
      frame: this.frames.frame(request, reply, account.name, request.principal as Principal, '/konti'),
      id,
      email: account.email,
      disabled: account.disabled,
      roles: ROLES.map((roleId) => ({ id: roleId, name: ROLE_NAMES[roleId], selected: roleId === shownRole })),
      forums: this.frames.forums.map((forum) => ({ id: forum.id, name: forum.name, checked: shownForums.includes(forum.id) })),
      refusal,
    });
  }

  private page(request: PageRequest, reply: FastifyReply, data: Pick<AccountsPageData, 'typed' | 'refusal'>, notice?: string, role: Role = 'member', forumIds: string[] = []): string {
    const principal = request.principal as Principal;
    const accounts = this.access
      .accounts()
      .sort((a, b) => a.email.localeCompare(b.email, 'da'))
      .map((account) => ({
        id: account.accountId,
        email: account.email,
        name: account.name,
        roleName: ROLE_NAMES[account.role],
        forums: account.role === 'secretariat' ? 'alle' : account.forumIds.map((forumId) => this.frames.forumName(forumId)).join(', '),
        disabled: account.disabled,
        self: account.accountId === principal.accountId,
      }));
    return accountsPage({
      frame: this.frames.frame(request, reply, 'Konti', principal, '/konti', notice),
      accounts,
      forums: this.frames.forums.map((forum) => ({ id: forum.id, name: forum.name, checked: forumIds.includes(forum.id) })),
      roles: ROLES.map((id) => ({ id, name: ROLE_NAMES[id], selected: id === role })),
      ...data,
    });
  }
}
