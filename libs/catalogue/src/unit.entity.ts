import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A unit that settles cases: an office department, a resident-service office (ZOM), a city company. */
@Entity({ name: 'units' })
export class UnitEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
