import type { SerializeOptions } from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/core';
import { AccessTokenVerifier, unauthenticated } from './access-tokens';
import { AuthService } from './auth.service';
import { StaffUser } from './roles';

/** The staff session cookie's name (ADR 0014). */
export const SESSION_COOKIE = 'cc_session';

/**
 * The staff pages' session (ADR 0014): the very access token a bearer gets, carried in an HttpOnly, SameSite=Strict
 * cookie. Only the staff pages (`/admin/*`) read it; the JSON API takes bearer tokens alone, so that no other site's
 * page can make a browser call it with the member of staff's rights (CSRF).
 *
 * Cookies are read and written with @fastify/cookie's parser and serialiser, which the api registers (without its
 * per-request parsing hook: only what asks for the session pays for reading cookies).
 */
@Injectable()
export class StaffSessions {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: AccessTokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs in exactly as `POST /auth/login` does (throttling, argon2, disabled accounts) and sets the session cookie
   * on the reply. Throws what sign-in throws (401, 429, 503).
   */
  async start(username: string, password: string, clientAddress: string, reply: FastifyReply): Promise<void> {
    const { accessToken } = await this.auth.login(username, password, clientAddress);
    reply.header('Set-Cookie', reply.server.serializeCookie(SESSION_COOKIE, accessToken, this.attributes()));
  }

  /** Tells the browser to forget the session cookie. */
  end(reply: FastifyReply): void {
    const expired = { ...this.attributes(), maxAge: 0, expires: new Date(0) };
    reply.header('Set-Cookie', reply.server.serializeCookie(SESSION_COOKIE, '', expired));
  }

  /**
   * The member of staff whose session cookie came with the request. Throws `unauthenticated` (401) without one, or
   * for one that is invalid, expired or revoked (a disabled account, a changed role).
   */
  userOf(request: FastifyRequest): StaffUser {
    const header = request.headers.cookie;
    const token = header ? request.server.parseCookie(header)[SESSION_COOKIE] : undefined;
    if (!token) throw unauthenticated('A staff session is required: sign in at /admin/sign-in.');
    return this.tokens.verify(token, 'session');
  }

  private attributes(): SerializeOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      // Sent to the staff pages only: never with API calls (where it would open CSRF) or to anything else.
      path: '/admin',
      maxAge: this.config.jwtTtlSeconds,
      secure: this.config.sessionCookieSecure,
    };
  }
}
