import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CategoryAttribute } from './domain/category-attributes';
import type { SlaKind } from './sla';

/** A kind of case, with the unit that handles it by default and its service-level policy. */
@Entity({ name: 'categories' })
export class CategoryEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode: string | null;

  @Column({ name: 'sla_kind', type: 'text' })
  slaKind: SlaKind;

  @Column({ name: 'sla_amount', type: 'integer' })
  slaAmount: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ name: 'is_public', type: 'boolean', default: false })
  isPublic: boolean;

  /** What the service is for, as an Open311 client shows it. */
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attributes: CategoryAttribute[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
