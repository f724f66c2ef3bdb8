import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { FieldError, invalid } from './domain-error';

/** Flattens nested class-validator errors into `{field: "resident.phone", message}` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
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
