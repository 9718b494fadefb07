import { AccessDeniedError, AccessService, Allow, PageRoutes, Public, SESSION_COOKIE } from '@app/access';
import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';
import { field, localPath } from './page-actions';
import { homeOf, PageFrames, PageRequest } from './page-frames';
import { PagesFilter } from './pages.filter';
import { signInPage } from './views/sign-in.view';

/** Signing in and out of the pages; the session cookie carries the same signed token the API's bearer header does. */
@ApiExcludeController()
@PageRoutes()
@UseFilters(PagesFilter)
@Controller()
export class SignInPage {
  constructor(
    private readonly access: AccessService,
    private readonly frames: PageFrames,
  ) {}

  @Get()
  @Allow('chair', 'member')
  home(@Req() request: PageRequest, @Res() reply: FastifyReply): void {
    void reply.redirect(homeOf(request.principal?.role ?? 'member'), 303);
  }

  @Get('log-ind')
  @Public()
  show(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('naeste') next?: string): void {
    if (request.principal) {
      void reply.redirect(localPath(next) ?? homeOf(request.principal.role), 303);
      return;
    }
    void reply.type('text/html; charset=utf-8').send(signInPage({ frame: this.frames.frame(request, reply, 'Log ind', undefined), next: localPath(next) }));
  }

  @Post('log-ind')
  @Public()
  @UseGuards(ThrottlerGuard)
  async signIn(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    const email = field(body, 'email') ?? '';
    const next = localPath(field(body, 'naeste'));
    try {
      const issued = await this.access.signIn(email, field(body, 'password') ?? '');
      const lifetime = Math.floor((Date.parse(issued.expiresAt) - Date.now()) / 1000);
      void reply.setCookie(SESSION_COOKIE, issued.token, this.frames.cookieOptions(request, lifetime));
      void reply.redirect(next ?? homeOf(issued.account.role), 303);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      const frame = this.frames.frame(request, reply, 'Log ind', undefined);
      void reply.status(401).type('text/html; charset=utf-8').send(signInPage({ frame, email, next, refusal: { formId: 'log-ind', message: error.message } }));
    }
  }

  @Post('log-ud')
  @Allow('chair', 'member')
  signOut(@Res() reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    void reply.redirect('/log-ind', 303);
  }
}
