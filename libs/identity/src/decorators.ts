import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import type { Role, StaffUser } from './roles';

export const IS_PUBLIC = 'identity:isPublic';
export const ALLOWED_ROLES = 'identity:roles';

/**
 * Marks a route as open to everyone; every other route needs a bearer token. The OpenAPI document says so too: its
 * one empty security requirement overrides the document's bearer requirement.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** Restricts a route to these roles (any signed-in member of staff when absent), and documents its 403. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiProblems({ status: 403, description: `Only ${roles.join(', ')} may do this.` }),
  );

export interface AuthenticatedRequest {
  user?: StaffUser;
}

/** The signed-in member of staff, as put on the request by the auth guard. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): StaffUser =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user as StaffUser,
);
