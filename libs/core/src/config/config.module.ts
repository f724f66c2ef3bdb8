import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, appConfigFromEnv } from './app-config';

/** Exposes the validated {@link AppConfig}; entry points load `.env` first ({@link loadEnvironment}). */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => appConfigFromEnv(process.env) }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
