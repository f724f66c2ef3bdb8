import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_CONFIG, appConfigFromEnv } from './app-config';

/** Loads `.env` (if present) into the environment once, then exposes the validated {@link AppConfig}. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvVars: false, envFilePath: ['.env'], cache: true })],
  providers: [{ provide: APP_CONFIG, useFactory: () => appConfigFromEnv(process.env) }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
