import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { API, TestApp } from './support/app';
import { Exchange, OpenApiConformance } from './support/openapi-conformance';

const NEW_CASE = { channel: 'phone', categoryCode: 'complaint', subject: 'Hałas nocą' };

describe('The OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let agent: string;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    document = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.stop());

  it('lists the problem answers of a route, its headers and its parameters', () => {
    const patch = document.paths[`${API}/cases/{number}`].patch!;
    expect(Object.keys(patch.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '412', '413', '415', '428', '500', '503'].sort(),
    );
    expect(patch.responses['200']).toMatchObject({
      headers: { ETag: { required: true }, 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
    });
    expect(patch.responses['428']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    });
    expect(patch.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
        expect.objectContaining({
          name: 'number',
          in: 'path',
          schema: expect.objectContaining({ pattern: expect.any(String) }),
        }),
      ]),
    );
    const login = document.paths[`${API}/auth/login`].post!;
    expect(login.security).toEqual([{}]);
    expect(login.responses['429']).toMatchObject({ headers: { 'Retry-After': { required: true } } });
  });

  it('says what the api enforces: closed request bodies, nullable objects without $ref', () => {
    const schemas = document.components!.schemas! as Record<string, any>;
    expect(schemas.CreateCaseDto.additionalProperties).toBe(false);
    expect(schemas.CreateCaseDto.properties.resident).toMatchObject({ type: 'object', nullable: true });
    expect(schemas.CreateCaseDto.properties.resident.additionalProperties).toBe(false);
    expect(schemas.CaseDto.properties.location).toMatchObject({ type: 'object', nullable: true });
    expect(schemas.CaseDto.properties.location).not.toHaveProperty('allOf');
    expect(schemas.SlaPolicyDto.properties.amount).toEqual({ type: 'integer', minimum: 1, maximum: 365 });
  });

  describe('held to every answer the tests receive', () => {
    let created: request.Response;
    const exchangeOf = (response: request.Response, requestBody: unknown): Exchange => ({
      method: 'post',
      path: `${API}/cases`,
      url: `${API}/cases`,
      status: response.status,
      headers: response.headers,
      body: response.body,
      request: { body: requestBody, query: {}, params: {}, headers: { authorization: agent } },
    });
    const violationsUnder = (change: (broken: any) => void, exchange = exchangeOf(created, NEW_CASE)) => {
      const broken = structuredClone(document);
      change(broken);
      const conformance = new OpenApiConformance(broken);
      conformance.record(exchange);
      return conformance.takeViolations();
    };

    beforeAll(async () => {
      created = await t.http().post(`${API}/cases`).set('Authorization', agent).send(NEW_CASE).expect(201);
    });

    it('finds nothing wrong with a real answer under the real document', () => {
      expect(violationsUnder(() => {})).toEqual([]);
    });

    it('catches a status the operation does not list', () => {
      expect(violationsUnder((broken) => delete broken.paths[`${API}/cases`].post.responses['201'])).toEqual([
        expect.stringContaining('status 201 is not listed'),
      ]);
    });

    it('catches a null the schema does not allow, and a field it does not name', () => {
      const exchange = exchangeOf(created, NEW_CASE);
      exchange.body = { ...created.body, pesel: '90010112345' };
      const [violation] = violationsUnder((broken) => {
        broken.components.schemas.CreatedCaseDto.properties.location.nullable = false;
      }, exchange);
      expect(violation).toMatch(/location must be object/);
      expect(violation).toMatch(/must NOT have additional properties/);
    });

    it('catches a required header that is missing', () => {
      const exchange = exchangeOf(created, NEW_CASE);
      exchange.headers = { ...exchange.headers, etag: undefined };
      expect(violationsUnder(() => {}, exchange)).toEqual([expect.stringContaining('header ETag is missing')]);
    });

    it('catches a request accepted although the document forbids it', () => {
      const exchange = exchangeOf(created, { ...NEW_CASE, subject: 42 });
      expect(violationsUnder(() => {}, exchange)).toEqual([
        expect.stringContaining('the api accepted a request the document forbids: body data/subject must be string'),
      ]);
    });
  });
});
