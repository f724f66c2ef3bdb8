import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@app/core';
import { AuthService } from './auth.service';
import { Public } from './decorators';
import { AccessTokenDto, LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchanges a username and password for a bearer token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(
    { status: 401, description: 'Wrong username or password (the same answer for both), or a disabled account.' },
    { status: 429, description: 'Too many failed attempts for this username from this address.' },
  )
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenDto> {
    return this.auth.login(body.username, body.password, request.ip);
  }
}
