/** PostgreSQL error codes the application reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_UNDEFINED_TABLE = '42P01';
export const PG_DUPLICATE_TABLE = '42P07';

export function pgErrorCode(error: unknown): string | undefined {
  const candidate = (error as { code?: unknown; driverError?: { code?: unknown } }) ?? {};
  const code = candidate.driverError?.code ?? candidate.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  const candidate = (error as { constraint?: unknown; driverError?: { constraint?: unknown } }) ?? {};
  const constraint = candidate.driverError?.constraint ?? candidate.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
