import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { finished, Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
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

  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection whose rollback failed is in an unknown state: it is closed rather than returned to the pool. A
    // checked-out client has no error listener of the pool's: without one, a server restart meanwhile would be an
    // uncaught exception (the query under way fails as well, and the work with it).
    let broken = false;
    const onError = () => (broken = true);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /**
   * The output of `COPY (…) TO STDOUT`, streamed with backpressure on a connection of its own. COPY takes no
   * parameters: `statement` writes its values as literals with the connection's own `escapeLiteral`. The connection
   * goes back to the pool when the stream has ended, and is closed when the stream is cut short (a download the
   * client gave up) or fails: it may still be in the middle of the COPY.
   */
  async copyOut(statement: (escapeLiteral: (value: string) => string) => string): Promise<Readable> {
    const client = await this.pool.connect();
    let broken = false;
    const onError = () => (broken = true);
    client.on('error', onError);
    let stream: Readable;
    try {
      stream = client.query(copyTo(statement((value) => client.escapeLiteral(value))));
    } catch (error) {
      client.off('error', onError);
      client.release(true);
      throw error;
    }
    finished(stream, (error) => {
      client.off('error', onError);
      client.release(broken || Boolean(error));
    });
    return stream;
  }
}
