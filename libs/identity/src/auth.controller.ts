import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthService } from './auth.service';
import { Public } from './decorators';
import { AccessTokenDto, LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer for both).' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this username or address.' })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenDto> {
    return this.auth.login(body.username, body.password, request.ip);
  }
}
