import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@app/core';
import { ROLES, Role, StaffUser } from './roles';
import { TokenRevocations } from './token-revocations';

export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  unit: string | null;
  /** The account's token version when the token was issued. */
  ver: number;
}

export function accessTokenClaims(user: StaffUser, tokenVersion: number): AccessTokenClaims {
  return { sub: user.id, username: user.username, role: user.role, unit: user.unitCode, ver: tokenVersion };
}

export function unauthenticated(message: string): DomainError {
  return new DomainError('unauthenticated', message, 'unauthenticated');
}

/**
 * Checks a signed access token, however it came (the API's bearer header, the staff pages' session cookie): its
 * signature and expiry, its claims, and that it was not revoked since (a disabled account, a changed role).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly revocations: TokenRevocations,
  ) {}

  /**
   * The member of staff the token speaks for. Throws `unauthenticated` (401) for a token that is malformed, expired,
   * signed with another key or revoked, and `revocations_unavailable` (503) when revocations cannot be checked.
   * `carrier` names the token in those messages: "bearer token", "session".
   */
  verify(token: string, carrier: string): StaffUser {
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch {
      throw unauthenticated(`The ${carrier} is invalid or has expired.`);
    }
    if (!ROLES.includes(claims.role) || !Number.isInteger(claims.ver)) {
      throw unauthenticated(`The ${carrier} is invalid.`);
    }
    if (!this.revocations.honours(claims.sub, claims.ver)) {
      throw unauthenticated(`The ${carrier} was revoked (account disabled or changed); sign in again.`);
    }
    return { id: claims.sub, username: claims.username, role: claims.role, unitCode: claims.unit ?? null };
  }

  /** The member of staff of an `Authorization: Bearer …` header; a missing or malformed header is 401 too. */
  verifyBearer(header: unknown): StaffUser {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('A bearer token is required.');
    return this.verify(match[1], 'bearer token');
  }
}
