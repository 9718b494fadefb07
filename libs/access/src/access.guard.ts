import { Role } from '@app/domain';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, PUBLIC_ROUTE, SignedInRequest } from './access.decorators';
import { forbidden, signInRequired } from './access.errors';
import { AccessService } from './access.service';
import { bearerOf } from './tokens';

/**
 * Every route denies by default: it needs a valid token, and its role must be among those the route allows
 * (the secretariat always is). Routes added later are covered without a word, because the guard is global.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  canActivate(execution: ExecutionContext): boolean {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = execution.switchToHttp().getRequest<SignedInRequest>();
    const token = bearerOf(request.headers.authorization);
    const principal = token ? this.access.authenticate(token) : undefined;
    if (!principal) throw signInRequired();
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
    if (principal.role !== 'secretariat' && !allowed.includes(principal.role)) throw forbidden();
    request.principal = principal;
    return true;
  }
}
