import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '@app/core';
import { AuthService } from './auth.service';
import { Public } from './decorators';
import { AccessTokenDto, LoginDto } from './dto/login.dto';
import { SESSION_COOKIE, StaffSessions } from './staff-sessions';

const SIGN_IN_PROBLEMS = [
  { status: 401, description: 'Wrong username or password (the same answer for both), or a disabled account.' },
  { status: 429, description: 'Too many failed attempts for this username from this address.' },
] as const;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: StaffSessions,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchanges a username and password for a bearer token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(...SIGN_IN_PROBLEMS)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenDto> {
    return this.auth.login(body.username, body.password, request.ip);
  }

  @Public()
  @Post('session')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Signs in to the staff pages (/admin): a session cookie instead of a bearer token',
    description:
      'The same sign-in as `POST /api/v1/auth/login` (same throttling, same answers to a wrong password or a ' +
      `disabled account), answered with the same signed token in the \`${SESSION_COOKIE}\` cookie. The cookie opens ` +
      'the staff pages under `/admin` (the queue board) and nothing else: the JSON API takes bearer tokens only.',
  })
  @ApiNoContentResponse({
    description: 'Signed in: the session cookie is set.',
    headers: {
      'Set-Cookie': {
        description:
          `\`${SESSION_COOKIE}=<token>; Max-Age=<seconds the token lives>; Path=/admin; HttpOnly; SameSite=Strict\`, ` +
          'plus `Secure` unless the server is configured otherwise (`SESSION_COOKIE_SECURE=0`).',
        required: true,
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblems(...SIGN_IN_PROBLEMS)
  async startSession(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.start(body.username, body.password, request.ip, reply);
  }

  @Public()
  @Delete('session')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Signs out of the staff pages: clears the session cookie',
    description:
      'The browser forgets the cookie; the token it held stays valid until it expires (as a bearer token does).',
  })
  @ApiNoContentResponse({
    description: 'Signed out: the session cookie is cleared.',
    headers: {
      'Set-Cookie': {
        description: `\`${SESSION_COOKIE}=; Max-Age=0; Path=/admin; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict\`.`,
        required: true,
        schema: { type: 'string' },
      },
    },
  })
  endSession(@Res({ passthrough: true }) reply: FastifyReply): void {
    this.sessions.end(reply);
  }
}
