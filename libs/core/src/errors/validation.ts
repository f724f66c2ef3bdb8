import { ValidationError, ValidationPipe } from '@nestjs/common';
import { isISO8601, ValidateBy, ValidateIf } from 'class-validator';
import { isBusinessDate } from '../time/business-calendar';
import { FieldError, invalid } from './domain-error';

/** Flattens nested class-validator errors into `{field: "resident.phone", message}` pairs (`rules[2].name` in arrays). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'unknown field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Strict validation for every request: unknown fields are rejected, types are converted only where declared. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      invalid('validation_failed', 'The request is not valid; see errors.', flattenValidationErrors(errors)),
  });
}

/** Like `@IsOptional()`, but only an absent field may skip validation: `null` is checked (and so rejected). */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

/** An instant with an explicit offset: `2026-06-01T09:30:00+02:00` or `...Z` (seconds and their fraction optional). */
export const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant with an offset ({@link INSTANT_WITH_OFFSET}) that exists (no 30 February): one check, one message. */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value) =>
        typeof value === 'string' && INSTANT_WITH_OFFSET.test(value) && isISO8601(value, { strict: true }),
      defaultMessage: (args) =>
        `${args?.property} must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00`,
    },
  });

/** A business date (`YYYY-MM-DD`, from 2000 on) that exists (no 30 February): one check, one message. */
export const IsBusinessDate = (options: { each?: boolean } = {}) =>
  ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value) => typeof value === 'string' && isBusinessDate(value),
        defaultMessage: (args) => `${args?.property} must be a date, YYYY-MM-DD`,
      },
    },
    { each: options.each },
  );
