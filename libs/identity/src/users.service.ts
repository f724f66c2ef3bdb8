import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { EntityManager, Repository } from 'typeorm';
import {
  conflict,
  invalid,
  notFound,
  pgConstraint,
  pgErrorCode,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from '@app/core';
import { ROLES, Role } from './roles';
import { UserEntity } from './user.entity';

export const MIN_PASSWORD_LENGTH = 12;
/** ASCII only, so that the database's lower() and JavaScript's toLowerCase() agree on every username. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$/;
/**
 * Words the case list's `assignee` filter reads as itself and as nobody, and the actor the worker's changes are
 * recorded under in case histories: no account may be called so.
 */
const RESERVED_USERNAMES = ['me', 'none', 'system'];

/** Who changes an account, for the audit line: a signed-in administrator, or an operator at the command line. */
export interface AccountActor {
  name: string;
  userId?: string;
}

export interface NewStaffUser {
  username: string;
  password: string;
  role: string;
  unitCode?: string | null;
}

export interface StaffUserSummary {
  id: string;
  username: string;
  role: Role;
  unitCode: string | null;
}

/** A staff account as an administrator manages it. */
export interface StaffAccount extends StaffUserSummary {
  disabled: boolean;
}

export interface RoleChange {
  role?: string;
  /** Required when the role is (or stays) `unit_staff`; cleared for the other roles. */
  unitCode?: string | null;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger('AccountAudit');

  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Whether any staff account exists (demo accounts go only into a database without any). */
  async any(): Promise<boolean> {
    return this.users.exists();
  }

  /** With `manager`, inside the caller's transaction. */
  async add(input: NewStaffUser, manager?: EntityManager): Promise<StaffUserSummary> {
    const users = manager?.getRepository(UserEntity) ?? this.users;
    if (!USERNAME_PATTERN.test(input.username)) {
      throw invalid(
        'invalid_username',
        'A username is 2..64 letters, digits or _.@- and starts with a letter or digit.',
      );
    }
    if (RESERVED_USERNAMES.includes(input.username.toLowerCase())) {
      throw invalid('reserved_username', `"${input.username}" is a word the case filters reserve (assignee=me|none).`);
    }
    const { role, unitCode } = checkedRole(input.role, input.unitCode ?? null);
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw invalid('weak_password', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
    try {
      const saved = await users.save(users.create({ username: input.username, passwordHash, role, unitCode }));
      return { id: saved.id, username: saved.username, role: saved.role, unitCode: saved.unitCode };
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw conflict('username_taken', `A user named ${input.username} already exists.`);
      }
      throw unknownUnitOr(error, unitCode);
    }
  }

  /** Every account, by username (keyset: after `afterUsername`), `limit + 1` rows so that a page knows its end. */
  async list(limit: number, afterUsername?: string): Promise<StaffAccount[]> {
    const rows: AccountRow[] = await this.users.manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM users
        WHERE $1::text IS NULL OR lower(username) > lower($1)
        ORDER BY lower(username) LIMIT $2`,
      [afterUsername ?? null, limit + 1],
    );
    return rows.map(toAccount);
  }

  /**
   * Disables an account: sign-in is refused at once, and its tokens (revoked by a new token version) within the
   * revocation refresh of every api process. Disabling a disabled account changes nothing. An administrator cannot
   * disable their own account, so that the last one cannot lock everyone out.
   */
  async disable(username: string, actor: AccountActor): Promise<StaffAccount> {
    if (actor.userId && (await this.find(username)).id === actor.userId) {
      throw conflict('cannot_disable_self', 'An administrator cannot disable their own account.');
    }
    const account = await this.changeAccount(
      username,
      `disabled_at = coalesce(disabled_at, now()),
       token_version = token_version + (CASE WHEN disabled_at IS NULL THEN 1 ELSE 0 END)`,
    );
    this.audit('account_disabled', actor, account);
    return account;
  }

  /** Enables an account again; tokens from before the disabling stay revoked. */
  async enable(username: string, actor: AccountActor): Promise<StaffAccount> {
    const account = await this.changeAccount(username, `disabled_at = NULL`);
    this.audit('account_enabled', actor, account);
    return account;
  }

  /** Changes role and unit; tokens issued for the old ones are revoked (the user signs in again). */
  async changeRole(username: string, change: RoleChange, actor: AccountActor): Promise<StaffAccount> {
    const current = await this.find(username);
    const { role, unitCode } = checkedRole(
      change.role ?? current.role,
      change.unitCode !== undefined ? change.unitCode : current.unitCode,
    );
    if (role === current.role && unitCode === current.unitCode) return current;
    let account: StaffAccount;
    try {
      account = await this.changeAccount(username, `role = $2, unit_code = $3, token_version = token_version + 1`, [
        role,
        unitCode,
      ]);
    } catch (error) {
      throw unknownUnitOr(error, unitCode);
    }
    this.audit('account_role_changed', actor, account, { from: { role: current.role, unitCode: current.unitCode } });
    return account;
  }

  /** One log line per change of an account: who changed whose, and how (staff names only, no personal data). */
  private audit(event: string, actor: AccountActor, account: StaffAccount, extra: object = {}): void {
    this.logger.log({
      audit: event,
      actor: actor.name,
      account: account.username,
      role: account.role,
      unitCode: account.unitCode,
      ...extra,
    });
  }

  async find(username: string): Promise<StaffAccount> {
    const rows: AccountRow[] = await this.users.manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE lower(username) = lower($1)`,
      [username],
    );
    if (!rows.length) throw notFound('user_not_found', `There is no user ${username}.`);
    return toAccount(rows[0]);
  }

  private async changeAccount(username: string, assignments: string, values: unknown[] = []): Promise<StaffAccount> {
    const [rows] = await this.users.manager.query(
      `UPDATE users SET ${assignments} WHERE lower(username) = lower($1) RETURNING ${ACCOUNT_COLUMNS}`,
      [username, ...values],
    );
    if (!rows.length) throw notFound('user_not_found', `There is no user ${username}.`);
    return toAccount(rows[0]);
  }
}

const ACCOUNT_COLUMNS = `id, username, role, unit_code, disabled_at IS NOT NULL AS disabled`;

interface AccountRow {
  id: string;
  username: string;
  role: Role;
  unit_code: string | null;
  disabled: boolean;
}

function toAccount(row: AccountRow): StaffAccount {
  return { id: row.id, username: row.username, role: row.role, unitCode: row.unit_code, disabled: row.disabled };
}

function checkedRole(role: string, unitCode: string | null): { role: Role; unitCode: string | null } {
  if (!ROLES.includes(role as Role)) throw invalid('invalid_role', `The role must be one of: ${ROLES.join(', ')}.`);
  if (role === 'unit_staff' && !unitCode)
    throw invalid('unit_required', 'A unit_staff user needs a unit (--unit, or unitCode).');
  return { role: role as Role, unitCode: role === 'unit_staff' ? unitCode : null };
}

function unknownUnitOr(error: unknown, unitCode: string | null): unknown {
  if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION && pgConstraint(error)?.includes('unit')) {
    return invalid('unknown_unit', `There is no unit ${unitCode}.`);
  }
  return error;
}
