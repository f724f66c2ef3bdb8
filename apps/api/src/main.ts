import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, AppConfig, createRootLogger } from '@app/core';
import { ApiModule } from './api.module';
import { apiAppOptions, configureHttpApp, createHttpAdapter } from './http-app';

async function bootstrap(): Promise<void> {
  const logger = createRootLogger();
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createHttpAdapter(logger), apiAppOptions(logger));
  configureHttpApp(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
}

void bootstrap();
