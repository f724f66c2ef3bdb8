import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, AppConfig } from '@app/core';
import { ApiModule } from './api.module';
import { API_APP_OPTIONS, configureHttpApp, createHttpAdapter } from './http-app';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createHttpAdapter(), API_APP_OPTIONS);
  configureHttpApp(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
}

void bootstrap();
