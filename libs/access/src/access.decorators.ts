import { Role } from '@app/domain';
import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal } from './access-policy';

export const PUBLIC_ROUTE = 'access:public';
export const ALLOWED_ROLES = 'access:roles';

/** Open to anyone: health, the signed links in e-mails, and signing in. */
export const Public = (): CustomDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route besides the secretariat; a route without it is the secretariat's alone. */
export const Allow = (...roles: Role[]): CustomDecorator => SetMetadata(ALLOWED_ROLES, roles);

export interface SignedInRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Read by @fastify/cookie. */
  cookies?: Record<string, string | undefined>;
  body?: unknown;
  query?: Record<string, unknown>;
  principal?: Principal;
}

/** The signed-in account of the request; the guard has put it there on every route that is not public. */
export const SignedIn = createParamDecorator((_data: unknown, execution: ExecutionContext): Principal => {
  const principal = execution.switchToHttp().getRequest<SignedInRequest>().principal;
  if (!principal) throw new Error('A route that asks who is signed in must not be public');
  return principal;
});
