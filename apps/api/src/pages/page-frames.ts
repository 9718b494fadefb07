import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret, Principal, SignedInRequest } from '@app/access';
import { APP_CONFIG, AppConfig, FORUMS } from '@app/config';
import { Forum, Role } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { PageFrame } from './views/page-kit';

export type PageRequest = FastifyRequest & SignedInRequest;

export const ROLE_NAMES: Record<Role, string> = { secretariat: 'sekretariat', chair: 'formand', member: 'medlem' };

const MENUS: Record<Role, { href: string; label: string }[]> = {
  secretariat: [
    { href: '/tavle', label: 'Tavle' },
    { href: '/oversigt', label: 'Overskredne' },
    { href: '/moeder', label: 'Møder' },
    { href: '/import', label: 'Import' },
    { href: '/konti', label: 'Konti' },
  ],
  chair: [
    { href: '/oversigt', label: 'Overskredne' },
    { href: '/tavle', label: 'Sager' },
    { href: '/moeder', label: 'Møder' },
  ],
  member: [
    { href: '/mine', label: 'Mine opfølgninger' },
    { href: '/moeder', label: 'Møder' },
  ],
};

/** Where each role starts. */
export const homeOf = (role: Role): string => MENUS[role][0].href;

/** The frame around every page, and the page's way of writing forums, dates and times. */
@Injectable()
export class PageFrames {
  private readonly forumNames: Map<string, string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FORUMS) readonly forums: Forum[],
  ) {
    this.forumNames = new Map(forums.map((forum) => [forum.id, forum.name]));
  }

  /** The frame for this request; gives the browser its form secret where it has none yet. */
  frame(request: PageRequest, reply: FastifyReply, title: string, principal: Principal | undefined, currentHref?: string, notice?: string): PageFrame {
    let secret = request.cookies?.[CSRF_COOKIE];
    if (!secret) {
      secret = newCsrfSecret();
      void reply.setCookie(CSRF_COOKIE, secret, this.cookieOptions(request));
      // The sign-in form and the request that posts it must see the same secret.
      (request.cookies ??= {})[CSRF_COOKIE] = secret;
    }
    return {
      title,
      user: principal && { name: principal.name, email: principal.email, roleName: ROLE_NAMES[principal.role] },
      menu: principal ? MENUS[principal.role].map(({ href, label }) => ({ href, label, current: href === currentHref })) : [],
      csrfToken: csrfTokenFor(secret, principal?.accountId),
      notice,
    };
  }

  /** HttpOnly and SameSite=Lax always; Secure where the browser reached us over TLS. */
  cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
    return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https', ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }) };
  }

  forumName(forumId: string): string {
    return this.forumNames.get(forumId) ?? forumId;
  }

  /** "3. okt. 2025" for a date or a time, on the meetings' clock. */
  date(iso: string | undefined): string {
    return iso ? this.inZone(iso).toFormat('d. LLL yyyy') : '';
  }

  /** "3. okt. 2025 kl. 09.00". */
  dateTime(iso: string | undefined): string {
    return iso ? this.inZone(iso).toFormat("d. LLL yyyy 'kl.' HH.mm") : '';
  }

  /** Today on the meetings' clock, as YYYY-MM-DD. */
  today(nowIso: string): string {
    return this.inZone(nowIso).toISODate() ?? nowIso.slice(0, 10);
  }

  private inZone(iso: string): DateTime {
    const zone = iso.length === 10 ? 'UTC' : this.config.meetingTimeZone;
    return DateTime.fromISO(iso, { zone }).setLocale('da');
  }
}
