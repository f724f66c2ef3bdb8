import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { EntityManager, Repository } from 'typeorm';
import { conflict, invalid, pgConstraint, pgErrorCode, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION } from '@app/core';
import { ROLES, Role } from './roles';
import { UserEntity } from './user.entity';

export const MIN_PASSWORD_LENGTH = 12;
const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$/;

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

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Whether any staff account exists (demo accounts go only into a database without any). */
  async any(): Promise<boolean> {
    return this.users.exists();
  }

  /** With `manager`, inside the caller's transaction. */
  async add(input: NewStaffUser, manager?: EntityManager): Promise<StaffUserSummary> {
    const users = manager?.getRepository(UserEntity) ?? this.users;
    const role = input.role as Role;
    const unitCode = input.unitCode ?? null;
    if (!USERNAME_PATTERN.test(input.username)) {
      throw invalid(
        'invalid_username',
        'A username is 2..64 letters, digits or _.@- and starts with a letter or digit.',
      );
    }
    if (!ROLES.includes(role)) throw invalid('invalid_role', `The role must be one of: ${ROLES.join(', ')}.`);
    if (role === 'unit_staff' && !unitCode) throw invalid('unit_required', 'A unit_staff user needs --unit.');
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
      if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION && pgConstraint(error)?.includes('unit')) {
        throw invalid('unknown_unit', `There is no unit ${unitCode}.`);
      }
      throw error;
    }
  }
}
