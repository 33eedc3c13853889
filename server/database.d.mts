// Types for server/database.mjs.

export interface QueryResult {
  rows: Record<string, any>[];
}

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  kind: 'pglite' | 'postgres';
  /** The data folder, or the database URL without its password. */
  where: string;
  /** Runs work in one transaction (one pooled connection on PostgreSQL); rolls back if it rejects. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * PostgreSQL at databaseUrl when given, else PGlite in dataDir (default '.muster-data').
 * pgliteTemplate: a PGlite dumpDataDir() of an empty cluster, copied into a new dataDir instead
 * of running initdb (faster; the tests use it).
 */
export function openDatabase(options: { databaseUrl?: string; dataDir?: string; pgliteTemplate?: Blob }): Promise<Database>;
