import type { Knex } from 'knex';

/**
 * Every difference between SQLite and PostgreSQL that the app code has to care about lives here,
 * so migrations and queries never branch on the client name themselves.
 */
export type AppDialect = 'sqlite' | 'postgres';

export function dialectOf(knex: Knex): AppDialect {
  const client = String(knex.client.config.client);
  return client === 'pg' || client === 'postgres' || client === 'postgresql' ? 'postgres' : 'sqlite';
}

/** pg returns BIGINT and COUNT(*) as strings (they may exceed 2^53); our sequences never do. */
export function toSafeInteger(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError(`expected a safe integer, got ${String(value)}`);
  return n;
}

/** SQLite has no boolean type: booleans come back as 0/1. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** SQLSTATE 23505 on PostgreSQL, SQLITE_CONSTRAINT(_PRIMARYKEY|_UNIQUE) on SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (code === '23505') return true;
  if (code !== 'SQLITE_CONSTRAINT') return false;
  const errno = (error as { errno?: unknown }).errno;
  // sqlite3 reports only the primary code; the message names the kind of constraint.
  return errno === 19 && /UNIQUE|PRIMARY KEY/i.test(String((error as Error).message));
}

/** SQLite's busy errors surface when another process holds the write lock past busy_timeout. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === '40001' || code === '40P01';
}

/**
 * Statements that make a table append-only: a trigger that raises on UPDATE and DELETE (and TRUNCATE
 * on PostgreSQL, where TRUNCATE bypasses row triggers), plus REVOKE of those privileges from the
 * connecting role. The owner of a table may always re-GRANT to itself, so the REVOKE is a guard
 * against mistakes in the app, not against a DBA; the hash chain and anchors are what detect a DBA.
 */
export function appendOnlyGuardStatements(dialect: AppDialect, table: string): string[] {
  if (dialect === 'sqlite') {
    return [
      `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    ];
  }
  return [
    `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM CURRENT_USER`,
  ];
}

export function dropAppendOnlyGuardStatements(dialect: AppDialect, table: string): string[] {
  if (dialect === 'sqlite') {
    return [`DROP TRIGGER IF EXISTS ${table}_no_update`, `DROP TRIGGER IF EXISTS ${table}_no_delete`];
  }
  return [
    `GRANT UPDATE, DELETE, TRUNCATE ON ${table} TO CURRENT_USER`,
    `DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`,
    `DROP TRIGGER IF EXISTS ${table}_no_update_delete ON ${table}`,
    `DROP FUNCTION IF EXISTS ${table}_append_only()`,
  ];
}
