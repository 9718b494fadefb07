import { Role } from '@app/domain';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, PUBLIC_ROUTE, SignedInRequest } from './access.decorators';
import { forbidden, formRefused, signInRequired } from './access.errors';
import { AccessService } from './access.service';
import { CSRF_COOKIE, CSRF_FIELD, csrfTokenValid, PAGE_ROUTE, sameOrigin, SESSION_COOKIE } from './page-sessions';
import { bearerOf } from './tokens';

const READING = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route denies by default: it needs a valid token, and its role must be among those the route allows
 * (the secretariat always is). Routes added later are covered without a word, because the guard is global.
 * The API takes the token from the Authorization header, the pages from the session cookie; every form posted
 * to a page, the sign-in form too, must come from our own pages with this browser's token.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  canActivate(execution: ExecutionContext): boolean {
    const targets = [execution.getHandler(), execution.getClass()];
    const request = execution.switchToHttp().getRequest<SignedInRequest>();
    const page = this.reflector.getAllAndOverride<boolean>(PAGE_ROUTE, targets) ?? false;
    const token = page ? request.cookies?.[SESSION_COOKIE] : bearerOf(request.headers.authorization);
    const principal = token ? this.access.authenticate(token) : undefined;
    if (page && !READING.has(request.method ?? 'GET')) {
      // A file form's body is read by its handler, after this check: its token travels in the form's address.
      const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
      const csrfToken = multipart ? request.query?.[CSRF_FIELD] : (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (!sameOrigin(request.headers) || !csrfTokenValid(request.cookies?.[CSRF_COOKIE], csrfToken, principal?.accountId)) throw formRefused();
    }
    // A public page still knows who is signed in: the sign-in page of a signed-in browser carries their form token.
    request.principal = principal;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (!principal) throw signInRequired();
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
    if (principal.role !== 'secretariat' && !allowed.includes(principal.role)) throw forbidden();
    return true;
  }
}
