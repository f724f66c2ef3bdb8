import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { schemaChildrenOf } from '@app/core';
import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';

/**
 * Holds every answer the end-to-end tests receive to the api's own OpenAPI document, as an integrator's generated
 * client or a contract tester would: the status must be listed for the operation, the body must match the schema
 * of its media type, the required headers must be there. It also holds the document to the requests: an accepted
 * request must be one the document allows, and one refused as invalid (400 `validation_failed`) one it forbids —
 * else the document is stricter, or looser, than the api.
 *
 * Answers are judged stricter than the published document reads: an object may not carry a field its schema does
 * not name, so that every field the api sends is documented.
 */

/** A request and its answer, as the api saw them. */
export interface Exchange {
  method: string;
  /** The route as the document writes it: `/api/v1/cases/{number}`. */
  path: string;
  url: string;
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
  request: {
    body: unknown;
    query: Record<string, unknown>;
    params: Record<string, string>;
    headers: Record<string, unknown>;
  };
}

type Schema = SchemaObject | ReferenceObject;
const SCHEMAS_ID = 'openapi-schemas';
/** The body of an answer sent as a stream, recorded in its place. */
export const STREAMED = Symbol('streamed body');

function isStream(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && typeof (payload as { pipe?: unknown }).pipe === 'function';
}

export class OpenApiConformance {
  private readonly exchanges: Exchange[] = [];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    // OpenAPI 3.0 schemas read as JSON Schema (draft-07 here) plus `nullable`, which Ajv honours, and annotations.
    this.ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(this.ajv);
    this.ajv.addFormat('password', true);
    this.ajv.addVocabulary(['example', 'xml', 'externalDocs']);
    const schemas = structuredClone(document.components?.schemas ?? {});
    for (const schema of Object.values(schemas)) closeObjects(schema);
    this.ajv.addSchema(retarget({ $id: SCHEMAS_ID, $defs: schemas }));
  }

  /** Records every answer of the app; call it before the app starts. */
  watch(app: NestFastifyApplication): void {
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onSend', (request, reply, payload, done) => {
        const route = request.routeOptions.url;
        if (route && !route.startsWith('/api/docs')) {
          const contentType = String(reply.getHeader('content-type') ?? '');
          this.record({
            method: request.method.toLowerCase(),
            path: route.replace(/:(\w+)/g, '{$1}'),
            url: request.url,
            status: reply.statusCode,
            headers: { ...reply.getHeaders() },
            body: isStream(payload)
              ? STREAMED
              : typeof payload === 'string' && /json/.test(contentType)
                ? JSON.parse(payload)
                : payload,
            request: {
              body: request.body,
              query: { ...(request.query as Record<string, unknown>) },
              params: { ...(request.params as Record<string, string>) },
              headers: { ...request.headers },
            },
          });
        }
        done(null, payload);
      });
  }

  record(exchange: Exchange): void {
    this.exchanges.push(exchange);
  }

  /** What the answers recorded since the last call did not match, one line each. */
  takeViolations(): string[] {
    const exchanges = this.exchanges.splice(0);
    return exchanges.flatMap((exchange) =>
      this.violationsOf(exchange).map(
        (violation) => `${exchange.method.toUpperCase()} ${exchange.url} → ${exchange.status}: ${violation}`,
      ),
    );
  }

  private violationsOf(exchange: Exchange): string[] {
    const pathItem = this.document.paths[exchange.path];
    if (!pathItem) return []; // a route the api does not document on purpose (CORS preflight, Swagger UI)
    const operation = pathItem[(exchange.method === 'head' ? 'get' : exchange.method) as 'get'];
    if (!operation) return [`${exchange.method.toUpperCase()} ${exchange.path} is not in the document`];
    const key = `${exchange.method} ${exchange.path}`;
    return [...this.answerViolations(key, operation, exchange), ...this.requestViolations(key, operation, exchange)];
  }

  private answerViolations(key: string, operation: OperationObject, exchange: Exchange): string[] {
    const response = (operation.responses[exchange.status] ?? operation.responses.default) as ResponseObject;
    if (!response) {
      return [`status ${exchange.status} is not listed (only ${Object.keys(operation.responses).join(', ')})`];
    }
    const violations = Object.entries(response.headers ?? {})
      .filter(
        ([name, header]) => this.resolveHeader(header).required && exchange.headers[name.toLowerCase()] === undefined,
      )
      .map(([name]) => `header ${name} is missing`);
    const mediaType = String(exchange.headers['content-type'] ?? '').split(';')[0];
    const hasBody = exchange.body !== undefined && exchange.body !== null && exchange.body !== '';
    if (!hasBody || exchange.method === 'head') return violations;
    const media = response.content?.[mediaType];
    if (!media?.schema) {
      return [...violations, `${mediaType} is not documented (only ${Object.keys(response.content ?? {}).join(', ')})`];
    }
    // A streamed body (a CSV export) is not read here: its media type is documented, which is what can be checked.
    if (exchange.body === STREAMED) return violations;
    const validate = this.validator(`${key} ${exchange.status} ${mediaType}`, media.schema);
    return validate(exchange.body) ? violations : [...violations, `body ${this.ajv.errorsText(validate.errors)}`];
  }

  /** The request against the document: it should have been allowed exactly when the api accepted it. */
  private requestViolations(key: string, operation: OperationObject, exchange: Exchange): string[] {
    const accepted = exchange.status < 300;
    const refusedAsInvalid =
      exchange.status === 400 && (exchange.body as { code?: string } | undefined)?.code === 'validation_failed';
    if (!accepted && !refusedAsInvalid) return [];
    const objections = this.requestObjections(key, operation, exchange);
    if (accepted && objections.length) return [`the api accepted a request the document forbids: ${objections[0]}`];
    if (refusedAsInvalid && !objections.length) {
      return [`the api refused as invalid a request the document allows: ${JSON.stringify(exchange.body)}`];
    }
    return [];
  }

  private requestObjections(key: string, operation: OperationObject, exchange: Exchange): string[] {
    const { request } = exchange;
    const parameters = (operation.parameters ?? []).map((parameter) => this.resolveParameter(parameter));
    // The api refuses query parameters it does not know, which OpenAPI 3.0 cannot say but for each one it lists.
    const objections = Object.keys(request.query)
      .filter((name) => !parameters.some((parameter) => parameter.in === 'query' && parameter.name === name))
      .map((name) => `query parameter ${name} is not in the document`);
    for (const parameter of parameters) {
      const { name, in: place, required, schema } = parameter;
      const source = place === 'query' ? request.query : place === 'path' ? request.params : request.headers;
      const raw = source[place === 'header' ? name.toLowerCase() : name];
      if (raw === undefined) {
        if (required) objections.push(`${place} parameter ${name} is missing`);
        continue;
      }
      if (!schema) continue;
      const validate = this.validator(`${key} ${place} ${name}`, schema);
      if (!validate(fromText(raw, this.resolve(schema), parameter))) {
        objections.push(`${place} parameter ${name} ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody : undefined;
    const schema = body?.content['application/json']?.schema;
    if (schema && (request.body !== undefined || body?.required)) {
      const validate = this.validator(`${key} request`, schema);
      if (!validate(request.body)) objections.push(`body ${this.ajv.errorsText(validate.errors)}`);
    }
    return objections;
  }

  private resolveParameter(parameter: ParameterObject | ReferenceObject): ParameterObject {
    if (!('$ref' in parameter)) return parameter;
    const name = parameter.$ref.replace('#/components/parameters/', '');
    return this.document.components!.parameters![name] as ParameterObject;
  }

  private resolveHeader(header: HeaderObject | ReferenceObject): HeaderObject {
    if (!('$ref' in header)) return header;
    return this.document.components!.headers![header.$ref.replace('#/components/headers/', '')] as HeaderObject;
  }

  private resolve(schema: Schema): SchemaObject {
    if (!('$ref' in schema)) return schema;
    return this.document.components!.schemas![schema.$ref.replace('#/components/schemas/', '')] as SchemaObject;
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      const copy = structuredClone(schema);
      closeObjects(copy);
      validate = this.ajv.compile(retarget(copy));
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** Query, path and header values are text: read them as the parameter's schema says (a comma list for arrays). */
function fromText(raw: unknown, schema: SchemaObject, parameter: ParameterObject): unknown {
  if (schema.type === 'array') {
    const parts = Array.isArray(raw) ? raw : parameter.explode === false ? String(raw).split(',') : [raw];
    return parts;
  }
  if ((schema.type === 'integer' || schema.type === 'number') && typeof raw === 'string' && raw.trim() !== '') {
    return Number(raw);
  }
  if (schema.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** An object that names its properties gets no others (unless it says what they may be). */
function closeObjects(schema: Schema): void {
  if ('$ref' in schema) return;
  if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  schemaChildrenOf(schema).forEach(closeObjects);
}

/** Points `#/components/schemas/X` at the schemas registered with Ajv. */
function retarget<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMAS_ID}#/$defs/`));
}

const watched: OpenApiConformance[] = [];

/** Records every answer of the app (call before it starts) to be held to the document. */
export function watchConformance(app: NestFastifyApplication, document: OpenAPIObject): void {
  const conformance = new OpenApiConformance(document);
  conformance.watch(app);
  watched.push(conformance);
}

/** Fails (the test in progress, or the file) with every answer since the last check that the document does not allow. */
export function expectConformingAnswers(): void {
  const violations = watched.flatMap((conformance) => conformance.takeViolations());
  if (violations.length) {
    throw new Error(`Answers that break the OpenAPI document (/api/docs-json):\n  ${violations.join('\n  ')}`);
  }
}
