import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/core';
import { AccessTokenVerifier } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle.service';
import { StaffSessions } from './staff-sessions';
import { TokenRevocations } from './token-revocations';
import { UsersController } from './users.controller';
import { UsersModule } from './users.module';

/** Staff users, sign-in, and the global guard that protects every route not marked public. */
@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A ready key object: given a string, jsonwebtoken first tries to parse it as a PEM key on every call.
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    AccessTokenVerifier,
    LoginThrottle,
    StaffSessions,
    TokenRevocations,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokenVerifier, StaffSessions],
})
export class IdentityModule {}
