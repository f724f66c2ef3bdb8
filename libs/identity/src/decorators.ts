import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role, StaffUser } from './roles';

export const IS_PUBLIC = 'identity:isPublic';
export const ALLOWED_ROLES = 'identity:roles';

/** Marks a route as open to everyone; every other route needs a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles (any signed-in member of staff when absent). */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest {
  user?: StaffUser;
}

/** The signed-in member of staff, as put on the request by the auth guard. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): StaffUser =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user as StaffUser,
);
