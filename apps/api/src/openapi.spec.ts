import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DECORATORS, OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { BUSINESS_DATE_PATTERN, INSTANT_WITH_OFFSET } from '@app/core';
import { ApiModule } from './api.module';
import { describeApi, describeRoutesOutsideNest, prefixRoutes } from './http-app';

type Schema = SchemaObject | ReferenceObject;
type Expectation = (schema: SchemaObject, constraints: unknown[]) => boolean;
type Dto = new () => object;

/** How each class-validator constraint shows in a schema; a constraint missing here fails the spec until added. */
const SHOWN_AS: Record<string, Expectation> = {
  isString: (schema) => schema.type === 'string',
  isBoolean: (schema) => schema.type === 'boolean',
  isInt: (schema) => schema.type === 'integer',
  isNumber: (schema) => schema.type === 'number',
  isObject: (schema) => schema.type === 'object',
  isArray: (schema) => schema.type === 'array',
  isIn: (schema, [values]) => JSON.stringify(schema.enum) === JSON.stringify(values),
  matches: (schema, [pattern]) => schema.pattern === (pattern as RegExp).source,
  isLength: (schema, [min, max]) => schema.minLength === min && schema.maxLength === max,
  maxLength: (schema, [max]) => schema.maxLength === max,
  min: (schema, [min]) => schema.minimum === min,
  max: (schema, [max]) => schema.maximum === max,
  arrayMaxSize: (schema, [max]) => schema.maxItems === max,
  arrayMinSize: (schema, [min]) => schema.minItems === min,
  isLocalIntervals: (schema) => schema.type === 'array',
  isEmail: (schema) => schema.format === 'email',
  isIso8601: (schema) => schema.format === 'date' || schema.format === 'date-time',
  isInstant: (schema) => schema.format === 'date-time' && schema.pattern === INSTANT_WITH_OFFSET.source,
  isBusinessDate: (schema) => schema.format === 'date' && schema.pattern === BUSINESS_DATE_PATTERN.source,
};

/**
 * The OpenAPI document must say everything the validation pipe enforces, so that a request the document allows is
 * not refused: for every request body and query, each field's type, bounds, pattern and enum, whether it is
 * required, and whether it may be null, are read from its class-validator decorators and looked for in the document.
 */
describe('The OpenAPI document and the validation rules', () => {
  let document: OpenAPIObject;
  const storage = getMetadataStorage();
  // class-validator keeps its metadata by class, with no public way to list the classes.
  const validatedClasses = [...storage['validationMetadatas'].keys()] as Dto[];

  beforeAll(async () => {
    const app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false });
    prefixRoutes(app);
    document = describeApi(app);
    await app.close();
  });

  /** A schema with its reference followed (`{allOf: [{$ref}], default}` included, as enums with a default are). */
  const resolve = (schema: Schema): SchemaObject => {
    if ('$ref' in schema) return resolve(document.components!.schemas![schema.$ref.split('/').pop()!]);
    const { allOf, ...rest } = schema;
    return allOf?.length === 1 ? { ...resolve(allOf[0]), ...rest } : schema;
  };

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) =>
        item[method] ? [{ name: `${method.toUpperCase()} ${path}`, operation: item[method] }] : [],
      ),
    );

  /** Every disagreement between a validated class and the schema that documents it (query values are never null). */
  function disagreements(target: Dto, schema: SchemaObject, path: string, nullable = true): string[] {
    const byProperty = storage.groupByPropertyName(storage.getTargetValidationMetadatas(target, '', true, false));
    const undocumented = Object.keys(schema.properties ?? {})
      .filter((name) => !byProperty[name])
      .map((name) => `${path}.${name} is documented but refused as an unknown field`);
    return [
      ...undocumented,
      ...Object.entries(byProperty).flatMap(([name, metadata]) =>
        propertyDisagreements(target, name, metadata, schema, `${path}.${name}`, nullable),
      ),
    ];
  }

  function propertyDisagreements(
    target: Dto,
    name: string,
    metadata: ValidationMetadata[],
    parent: SchemaObject,
    path: string,
    nullable: boolean,
  ): string[] {
    const property = parent.properties?.[name];
    if (!property) return [`${path} is validated but not documented`];
    const schema = resolve(property);
    const conditions = metadata.filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const validatedWhen = (value: unknown) => conditions.every((rule) => rule.constraints[0]({ [name]: value }, value));
    const problems: string[] = [];
    if (validatedWhen(undefined) !== Boolean(parent.required?.includes(name))) {
      problems.push(`${path} is ${validatedWhen(undefined) ? '' : 'not '}required, the document says otherwise`);
    }
    if (nullable && validatedWhen(null) === Boolean(schema.nullable)) {
      problems.push(`${path} may ${validatedWhen(null) ? 'not ' : ''}be null, the document says otherwise`);
    }
    for (const rule of metadata.filter(({ type }) => type === ValidationTypes.CUSTOM_VALIDATION)) {
      const constraint = storage.getTargetValidatorConstraints(rule.constraintCls)[0].name!;
      const shownAs = SHOWN_AS[constraint];
      const checked = rule.each ? resolve(schema.items ?? {}) : schema;
      if (!shownAs) problems.push(`${path}: teach this spec how ${constraint} shows in a schema`);
      else if (!shownAs(checked, rule.constraints)) problems.push(`${path} does not show ${constraint}`);
    }
    if (metadata.some(({ type }) => type === ValidationTypes.NESTED_VALIDATION)) {
      const shown = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target.prototype, name)?.type;
      // An array of nested objects (`type: [Dto]`) is checked item by item.
      const nested = Array.isArray(shown) ? shown[0] : shown;
      const each = schema.type === 'array' ? resolve(schema.items ?? {}) : schema;
      problems.push(...disagreements(nested, each, path));
    }
    return problems;
  }

  it('shows every rule of every request body', () => {
    const bodies = operations().flatMap(({ name, operation }) => {
      const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody : undefined;
      const schema = body?.content['application/json']?.schema;
      return schema && '$ref' in schema ? [{ name, className: schema.$ref.split('/').pop()!, schema }] : [];
    });
    expect(bodies.length).toBeGreaterThan(5);
    const problems = bodies.flatMap(({ name, className, schema }) => {
      const target = validatedClasses.find((candidate) => candidate.name === className);
      return target ? disagreements(target, resolve(schema), className) : [`${name}: no class validates its body`];
    });
    expect(problems).toEqual([]);
  });

  it('shows every rule of every query', () => {
    // The public's hot reads are served outside Nest and check their queries with pure functions (readTrackingQuery,
    // readSlotsQuery, their specs beside them), from the same patterns their descriptions are written with.
    const outsideNest = Object.keys(describeRoutesOutsideNest().paths).map((path) => `GET ${path}`);
    const queries = operations().flatMap(({ name, operation }) => {
      if (outsideNest.includes(name)) return [];
      const parameters = (operation.parameters ?? []).filter(
        (parameter) => !('$ref' in parameter) && parameter.in === 'query',
      ) as { name: string; required?: boolean; schema: Schema }[];
      if (!parameters.length) return [];
      const schema: SchemaObject = {
        properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
        required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      };
      return [{ name, schema }];
    });
    expect(queries.length).toBeGreaterThan(3);
    const problems = queries.flatMap(({ name, schema }) => {
      const names = Object.keys(schema.properties!).sort().join();
      // The query class is the one whose fields are exactly the operation's query parameters.
      const target = validatedClasses.find(
        (candidate) =>
          Object.keys(storage.groupByPropertyName(storage.getTargetValidationMetadatas(candidate, '', true, false)))
            .sort()
            .join() === names,
      );
      return target ? disagreements(target, schema, target.name, false) : [`${name}: no class validates its query`];
    });
    expect(problems).toEqual([]);
  });
});
