import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Plain SQL on the process's one connection pool (the one TypeORM opened). Hot paths use it instead of
 * `DataSource.query`, which wraps every statement in a query runner; named statements are prepared once per
 * connection, so PostgreSQL parses and plans them once.
 */
@Injectable()
export class Sql {
  private readonly pool: Pool;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
  }

  async query<Row>(text: string, values: unknown[] = [], preparedName?: string): Promise<Row[]> {
    const result = await this.pool.query({ text, values, name: preparedName });
    return result.rows as Row[];
  }
}
