import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { appConfigFromEnv, createRootLogger, loadEnvironment } from '@app/core';
import { ApiModule } from './api.module';
import { apiAppOptions, configureHttpApp, createHttpAdapter, protectHttpApp } from './http-app';

async function bootstrap(): Promise<void> {
  loadEnvironment();
  const config = appConfigFromEnv();
  const logger = createRootLogger();
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    createHttpAdapter(config, logger),
    apiAppOptions(logger),
  );
  configureHttpApp(app);
  protectHttpApp(app);
  await app.listen(config.port, config.host);
}

void bootstrap();
