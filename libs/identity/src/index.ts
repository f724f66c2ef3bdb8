export { IdentityModule } from './identity.module';
export { UsersModule } from './users.module';
export { CurrentUser, OptionalUser, Public, PublicOrStaff, Roles } from './decorators';
export { ROLES, Role, StaffUser } from './roles';
export { AccessTokenVerifier } from './access-tokens';
export { SESSION_COOKIE, StaffSessions } from './staff-sessions';
export {
  MIN_PASSWORD_LENGTH,
  NewStaffUser,
  StaffAccount,
  StaffUserSummary,
  USERNAME_PATTERN,
  UsersService,
} from './users.service';
