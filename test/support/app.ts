import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { appConfigFromEnv, createRootLogger, REDIS_CLIENT } from '@app/core';
import { Role, UsersService } from '@app/identity';
import { generateApiKey, hashApiKey } from '@app/open311';
import { RoutingService } from '@app/routing';
import { ApiModule } from '../../apps/api/src/api.module';
import { apiAppOptions, configureHttpApp, createHttpAdapter, protectHttpApp } from '../../apps/api/src/http-app';
import { watchConformance } from './openapi-conformance';
import { TEST_DATABASE_URL } from './test-env';

export const API = '/api/v1';
export const TEST_PASSWORD = 'test-password-123';

/** A running api on the test database, with helpers to reset state and sign in as any role. */
export class TestApp {
  private constructor(readonly app: NestFastifyApplication) {}

  static async start({ resetRedis = true, logger = createRootLogger() } = {}): Promise<TestApp> {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(
      createHttpAdapter(appConfigFromEnv(), logger),
      apiAppOptions(logger),
    );
    watchConformance(app, configureHttpApp(app));
    protectHttpApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const testApp = new TestApp(app);
    await testApp.reset(resetRedis);
    return testApp;
  }

  get db(): DataSource {
    return this.app.get(getDataSourceToken());
  }

  http() {
    return request(this.app.getHttpServer());
  }

  /** Listens on a free loopback port (the browser tests' pages and api) and returns its origin. */
  async listen(): Promise<string> {
    await this.app.listen(0, '127.0.0.1');
    return this.app.getUrl();
  }

  /** Empties every table (as the owner: the api's role may not truncate) and this run's Redis keys. */
  async reset(resetRedis = true): Promise<void> {
    await this.asOwner(
      `TRUNCATE case_events, cases, case_number_counters, idempotency_keys, routing_rules, assignment_reservations,
              follow_ups, outbox, users, categories, units, case_count_deltas, case_daily_counts,
              case_monthly_counts, case_monthly_totals, case_hourly_intake, case_backlog_counts, api_keys,
              visit_events, visits, visit_service_offices, visit_services, offices
       RESTART IDENTITY CASCADE`,
    );
    // Also forgets the rules this process has cached.
    await this.app.get(RoutingService).replaceRules([], { username: 'test-reset' });
    if (!resetRedis) return;
    const redis = this.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${process.env.REDIS_PREFIX}*`);
    if (keys.length) await redis.del(...keys);
  }

  /** Runs one statement as the owner of the test database (TEST_DATABASE_URL). */
  async asOwner<Row = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** A new Open311 API key of that name, made as the command line makes it (as the owner: the api may not). */
  async addApiKey(name: string): Promise<string> {
    const key = generateApiKey();
    await this.asOwner(`INSERT INTO api_keys (id, name, key_hash) VALUES (gen_random_uuid(), $1, $2)`, [
      name,
      hashApiKey(key),
    ]);
    return key;
  }

  /** Loads a small catalogue: two units, a category for each, and one without a unit. */
  async seedCatalogue(): Promise<void> {
    await this.db.query(
      `INSERT INTO units (code, name) VALUES ('roads', 'Roads and greenery'), ('zom', 'ZOM Śródmieście')`,
    );
    await this.db.query(
      `INSERT INTO categories (code, name, unit_code, sla_kind, sla_amount, is_public) VALUES
        ('pothole', 'Pothole', 'roads', 'working_days', 7, true),
        ('id-card', 'ID card', 'zom', 'months', 1, false),
        ('complaint', 'Complaint', NULL, 'months', 1, false)`,
    );
  }

  /** Creates a user of the role (unit_staff in `unitCode`) and returns a bearer token for it. */
  async tokenFor(
    role: Role,
    unitCode: string | null = null,
    username = `${role}-${unitCode ?? 'all'}`,
  ): Promise<string> {
    await this.app.get(UsersService).add({ username, password: TEST_PASSWORD, role, unitCode });
    const response = await this.http()
      .post(`${API}/auth/login`)
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    return `Bearer ${response.body.accessToken}`;
  }

  async count(
    table:
      | 'cases'
      | 'case_events'
      | 'idempotency_keys'
      | 'units'
      | 'categories'
      | 'users'
      | 'routing_rules'
      | 'follow_ups'
      | 'outbox'
      | 'api_keys'
      | 'visits'
      | 'visit_events'
      | 'offices'
      | 'visit_services',
  ): Promise<number> {
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM ${table}`);
    return count;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }
}

/** Asserts an RFC 9457 problem response and returns its body. */
export function expectProblem(response: request.Response, status: number): Record<string, any> {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  return response.body;
}
