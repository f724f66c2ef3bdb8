import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createRootLogger, loadEnvironment, PinoNestLogger, REDIS_CLIENT } from '@app/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadEnvironment();
  const logger = new PinoNestLogger(createRootLogger());
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  // Exit rather than re-raise the signal, so that exit handlers (the log flush) run.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  // Prove both stores answer before declaring the worker ready.
  await app.get<DataSource>(getDataSourceToken()).query('SELECT 1');
  await app.get<Redis>(REDIS_CLIENT).ping();
  logger.log('Worker ready: connected to PostgreSQL and Redis', 'Worker');
}

void bootstrap();
