import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@app/core';
import { AccessTokenVerifier } from './access-tokens';
import { ALLOWED_ROLES, AuthenticatedRequest, IS_PUBLIC, READS_OPTIONAL_TOKEN } from './decorators';
import { Role } from './roles';

/** Global guard: a route is protected unless marked {@link Public}; {@link Roles} narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, unknown> }>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      const readsToken = this.reflector.getAllAndOverride<boolean>(READS_OPTIONAL_TOKEN, targets);
      if (readsToken && request.headers.authorization !== undefined) {
        request.user = this.tokens.verifyBearer(request.headers.authorization);
      }
      return true;
    }

    const user = this.tokens.verifyBearer(request.headers.authorization);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new DomainError('forbidden', 'Your role may not do this.', 'forbidden');
    }
    request.user = user;
    return true;
  }
}
