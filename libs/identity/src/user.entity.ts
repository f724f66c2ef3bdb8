import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  username: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode: string | null;

  /** Whether routing may hand this person new cases (used by the routing issue). */
  @Column({ type: 'boolean', default: true })
  available: boolean;

  /** Set while the account is disabled: no sign-in, and its tokens are refused. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Tokens carry the version they were issued under; raising it (disable, role change) revokes the older ones. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
