import { INestApplication } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathsObject,
  ReferenceObject,
  SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { problemResponse, ProblemStatus } from './api-problems.decorator';
import { ProblemDetailsDto } from './problem-details.dto';

type Schema = SchemaObject | ReferenceObject;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * The OpenAPI document of the api: what the decorators say, plus the answers every route gives by construction
 * (see {@link addSharedAnswers}), with the two things @nestjs/swagger writes that OpenAPI 3.0 does not mean made
 * right: nullable references are inlined, and request bodies refuse unknown fields as the validation pipe does.
 */
export function createApiDocument(
  app: INestApplication,
  config: Omit<OpenAPIObject, 'paths'>,
  routesOutsideNest: { paths: PathsObject; models: (new () => unknown)[] } = { paths: {}, models: [] },
): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsDto, ...routesOutsideNest.models],
  });
  // Routes Fastify serves without Nest (the residents' look-up) come with their own description.
  Object.assign(document.paths, routesOutsideNest.paths);
  inlineNullableReferences(document);
  unwrapLoneReferences(document);
  closeRequestBodies(document);
  addSharedAnswers(document);
  dropUnusedSchemas(document);
  return document;
}

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((path) => METHODS.flatMap((method) => path[method] ?? []));
}

/** Every schema the operations use directly: parameters, request bodies, responses. */
function operationSchemas(operation: OperationObject): Schema[] {
  const parameters = (operation.parameters ?? []).flatMap((parameter) =>
    'schema' in parameter && parameter.schema ? [parameter.schema] : [],
  );
  const contents = [
    ...(operation.requestBody && 'content' in operation.requestBody ? [operation.requestBody.content] : []),
    ...Object.values(operation.responses).flatMap((response) =>
      response && 'content' in response && response.content ? [response.content] : [],
    ),
  ];
  return [
    ...parameters,
    ...contents.flatMap((content) => Object.values(content).flatMap((media) => (media.schema ? [media.schema] : []))),
  ];
}

/** The components and the schemas the operations use directly. */
function schemaRoots(document: OpenAPIObject): Schema[] {
  return [...Object.values(document.components?.schemas ?? {}), ...operationsOf(document).flatMap(operationSchemas)];
}

/** The sub-schemas of a schema, one level down. */
export function schemaChildrenOf(schema: SchemaObject): Schema[] {
  return [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.not ? [schema.not] : []),
  ];
}

function componentOf(document: OpenAPIObject, ref: string): SchemaObject {
  const schema = document.components?.schemas?.[ref.slice(SCHEMA_REF_PREFIX.length)];
  if (!ref.startsWith(SCHEMA_REF_PREFIX) || !schema || '$ref' in schema) throw new Error(`Unresolvable ${ref}`);
  return schema;
}

/**
 * `@ApiProperty({ type: X, nullable: true })` comes out as `{nullable: true, allOf: [{$ref: X}]}`, which in OpenAPI
 * 3.0 still refuses null (`nullable` widens only a `type` beside it; `allOf` applies X, an object, to null too).
 * Such a property gets a copy of X with `nullable: true` instead: a `null` resident then matches its own schema.
 */
function inlineNullableReferences(document: OpenAPIObject): void {
  const inline = (schema: Schema, inlining: string[]): Schema => {
    if ('$ref' in schema) return schema;
    const target = schema.nullable && schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
    if (target && '$ref' in target) {
      if (inlining.includes(target.$ref)) throw new Error(`Cannot inline the recursive nullable ${target.$ref}`);
      const { allOf: _allOf, type: _type, ...rest } = schema;
      return inline({ ...structuredClone(componentOf(document, target.$ref)), ...rest }, [...inlining, target.$ref]);
    }
    rewriteChildren(schema, (child) => inline(child, inlining));
    return schema;
  };
  // A body or parameter is never null itself, so only what is inside the roots is rewritten.
  for (const root of schemaRoots(document)) inline(root, []);
}

/** `{allOf: [{$ref: X}]}` with nothing beside it (as @nestjs/swagger writes enum properties) is just `{$ref: X}`. */
function unwrapLoneReferences(document: OpenAPIObject): void {
  const unwrap = (schema: Schema): Schema => {
    if ('$ref' in schema) return schema;
    const besides = Object.entries(schema).filter(([key, value]) => key !== 'allOf' && value !== undefined);
    if (schema.allOf?.length === 1 && besides.length === 0) return unwrap(schema.allOf[0]);
    rewriteChildren(schema, unwrap);
    return schema;
  };
  for (const root of schemaRoots(document)) unwrap(root);
}

function rewriteChildren(schema: SchemaObject, rewrite: (child: Schema) => Schema): void {
  for (const [key, child] of Object.entries(schema.properties ?? {})) schema.properties![key] = rewrite(child);
  if (schema.items) schema.items = rewrite(schema.items);
  if (typeof schema.additionalProperties === 'object') {
    schema.additionalProperties = rewrite(schema.additionalProperties);
  }
  for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
    schema[combinator] = schema[combinator]?.map(rewrite);
  }
  if (schema.not) schema.not = rewrite(schema.not);
}

/**
 * The validation pipe refuses unknown fields in every body (400), so every object a request body holds is
 * `additionalProperties: false`. A component shared with a response is closed there too, which is also true: the
 * api never sends more than it declares (the end-to-end tests check every answer against this document).
 */
function closeRequestBodies(document: OpenAPIObject): void {
  const closed = new Set<SchemaObject>();
  const close = (schema: Schema): void => {
    const target = '$ref' in schema ? componentOf(document, schema.$ref) : schema;
    if (closed.has(target)) return;
    closed.add(target);
    if (target.type === 'object' && target.properties && target.additionalProperties === undefined) {
      target.additionalProperties = false;
    }
    schemaChildrenOf(target).forEach(close);
  };
  for (const { requestBody } of operationsOf(document)) {
    if (!requestBody || !('content' in requestBody)) continue;
    for (const media of Object.values(requestBody.content)) if (media.schema) close(media.schema);
  }
}

const REQUEST_ID: ParameterObject = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description:
    'Your own id for the request (1..128 of `A-Z a-z 0-9 . _ : -`), echoed in the answer and in its logs; ' +
    'anything else is replaced by a fresh one.',
  schema: { type: 'string' },
};

/**
 * What every route answers by construction, so that no controller has to repeat it: the `X-Request-Id` header on
 * every answer; 401 where a bearer token is needed (the global auth guard); 413 and 415 wherever Fastify reads a
 * body (any POST, PUT, PATCH or DELETE, used or not); 400 there too (malformed JSON, invalid fields) and wherever
 * path or query parameters are checked (the safe-input and validation pipes); 500 and 503 anywhere. A success answer
 * without a description gets its status's name.
 */
function addSharedAnswers(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  components.parameters = { ...components.parameters, RequestId: REQUEST_ID };
  components.headers = {
    ...components.headers,
    RequestId: {
      description: 'The id of the request: yours when sane, else a fresh UUID.',
      required: true,
      schema: { type: 'string' },
    },
  };
  const operations = Object.values(document.paths).flatMap((path) =>
    METHODS.flatMap((method) => (path[method] ? [{ method, operation: path[method] }] : [])),
  );
  for (const { method, operation } of operations) {
    const readsBody = ['post', 'put', 'patch', 'delete'].includes(method);
    const checksParameters = (operation.parameters ?? []).some(
      (parameter) => 'in' in parameter && (parameter.in === 'path' || parameter.in === 'query'),
    );
    operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/RequestId' }];
    // A route needs a token unless one of its security requirements is empty (see `Public()`).
    const security = operation.security ?? document.security ?? [];
    const needsToken = security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);
    const shared: ProblemStatus[] = [
      ...(needsToken ? [401 as const] : []),
      ...(readsBody || checksParameters ? [400 as const] : []),
      ...(readsBody ? [413 as const, 415 as const] : []),
      500,
      503,
    ];
    for (const status of shared) operation.responses[status] ??= problemResponse(status);
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!response || '$ref' in response) continue;
      response.description ||= STATUS_CODES[status] ?? status;
      response.headers = { ...response.headers, 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };
    }
  }
}

/** Components that nothing refers to any more (a nullable reference inlined everywhere). */
function dropUnusedSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (schema: Schema): void => {
    if (!('$ref' in schema)) return schemaChildrenOf(schema).forEach(visit);
    if (used.has(schema.$ref)) return;
    used.add(schema.$ref);
    visit(componentOf(document, schema.$ref));
  };
  operationsOf(document).flatMap(operationSchemas).forEach(visit);
  for (const name of Object.keys(schemas)) {
    if (!used.has(SCHEMA_REF_PREFIX + name)) delete schemas[name];
  }
}
