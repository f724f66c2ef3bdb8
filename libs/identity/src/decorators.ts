import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import type { Role, StaffUser } from './roles';

export const IS_PUBLIC = 'identity:isPublic';
export const READS_OPTIONAL_TOKEN = 'identity:readsOptionalToken';
export const ALLOWED_ROLES = 'identity:roles';

/**
 * Marks a route as open to everyone; every other route needs a bearer token. The OpenAPI document says so too: its
 * one empty security requirement overrides the document's bearer requirement.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/**
 * A public route that also serves staff: with no token it answers the public; with a bearer token (which must then be
 * valid: 401 otherwise) it puts the member of staff on the request, for {@link OptionalUser}.
 */
export const PublicOrStaff = () =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    SetMetadata(READS_OPTIONAL_TOKEN, true),
    ApiSecurity({}),
    ApiBearerAuth(),
    ApiProblems({ status: 401, description: 'A token was sent and is not valid.' }),
  );

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

/** On a {@link PublicOrStaff} route: the member of staff whose token came with the request, or undefined. */
export const OptionalUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): StaffUser | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
