import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@app/core';
import { ALLOWED_ROLES, AuthenticatedRequest, IS_PUBLIC } from './decorators';
import { ROLES, Role, StaffUser } from './roles';
import { TokenRevocations } from './token-revocations';

interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  unit: string | null;
  /** The account's token version when the token was issued. */
  ver: number;
}

/** Global guard: a route is protected unless marked {@link Public}; {@link Roles} narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly revocations: TokenRevocations,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, unknown> }>();
    const user = this.authenticate(request.headers.authorization);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new DomainError('forbidden', 'Your role may not do this.', 'forbidden');
    }
    request.user = user;
    return true;
  }

  private authenticate(header: unknown): StaffUser {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('A bearer token is required.');
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(match[1]);
    } catch {
      throw unauthenticated('The bearer token is invalid or has expired.');
    }
    if (!ROLES.includes(claims.role) || !Number.isInteger(claims.ver)) {
      throw unauthenticated('The bearer token is invalid.');
    }
    if (!this.revocations.honours(claims.sub, claims.ver)) {
      throw unauthenticated('The bearer token was revoked (account disabled or changed); sign in again.');
    }
    return { id: claims.sub, username: claims.username, role: claims.role, unitCode: claims.unit ?? null };
  }
}

function unauthenticated(message: string): DomainError {
  return new DomainError('unauthenticated', message, 'unauthenticated');
}

export function accessTokenClaims(user: StaffUser, tokenVersion: number): AccessTokenClaims {
  return { sub: user.id, username: user.username, role: user.role, unit: user.unitCode, ver: tokenVersion };
}
