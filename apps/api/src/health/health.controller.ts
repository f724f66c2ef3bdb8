import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, SchemaObject } from '@nestjs/swagger';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { REDIS_CLIENT } from '@app/core';
import { Public } from '@app/identity';

const CHECK_TIMEOUT_MS = 1500;

/** Terminus's answer: each check by name (`postgres`, `redis`) with its `status` and, when down, a `message`. */
const CHECKS: SchemaObject = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
  },
};
const HEALTH: SchemaObject = {
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    info: { ...CHECKS, description: 'The checks that are up.' },
    error: { ...CHECKS, description: 'The checks that are down.' },
    details: { ...CHECKS, description: 'Every check.' },
  },
  example: {
    status: 'error',
    info: { postgres: { status: 'up' } },
    error: { redis: { status: 'down', message: 'timed out' } },
    details: { postgres: { status: 'up' }, redis: { status: 'down', message: 'timed out' } },
  },
};

/** 200 when PostgreSQL and Redis both answer, 503 otherwise; the body names which one is down. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether PostgreSQL and Redis answer' })
  @ApiOkResponse({ description: 'Both answer.', schema: HEALTH })
  @ApiServiceUnavailableResponse({ description: 'One or both do not answer; `error` names which.', schema: HEALTH })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.postgres.pingCheck('postgres', { timeout: CHECK_TIMEOUT_MS }),
        () => this.pingRedis(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async pingRedis() {
    const indicator = this.indicators.check('redis');
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
