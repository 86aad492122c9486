import type { Knex } from 'knex';

const isPostgres = (q: Knex | Knex.QueryBuilder): boolean => String((q as unknown as { client: { config: { client: string } } }).client.config.client).startsWith('p');

/**
 * `column` (a `|a|b|` list) holds one of `values`, as SQL with its bindings; case-sensitive on both databases
 * (SQLite's LIKE ignores ASCII case, which would let group `A` see the tasks of group `a`). Nothing matches an
 * empty list.
 */
export function holdsAnySql(q: Knex | Knex.QueryBuilder, column: string, values: readonly string[]): { sql: string; bindings: string[] } {
  if (values.length === 0) return { sql: '1 = 0', bindings: [] };
  const one = isPostgres(q) ? `strpos(${column}, ?) > 0` : `instr(${column}, ?) > 0`;
  return { sql: `(${values.map(() => one).join(' or ')})`, bindings: values.map((v) => `|${v}|`) };
}

/** `column` contains `text` (case-sensitively: search texts are stored normalised). */
export function containsText(q: Knex.QueryBuilder, column: string, text: string): void {
  q.whereRaw(isPostgres(q) ? `strpos(${column}, ?) > 0` : `instr(${column}, ?) > 0`, [text]);
}

export function holdsAny(q: Knex.QueryBuilder, column: string, values: readonly string[]): void {
  const { sql, bindings } = holdsAnySql(q, column, values);
  q.whereRaw(sql, bindings);
}

/**
 * `column` is one of the process ids allowed or a process they call (ids are prefixes: processIdAllowed in
 * auth/roles.ts); `all` adds nothing.
 */
export function processAllowed(q: Knex.QueryBuilder, column: string, allowed: 'all' | readonly string[]): void {
  if (allowed === 'all') return;
  if (allowed.length === 0) {
    q.whereRaw('1 = 0');
    return;
  }
  q.where((w) => {
    for (const p of allowed) w.orWhere(column, p).orWhereRaw(`substr(${column}, 1, ?) = ?`, [p.length + 1, `${p}-`]);
  });
}

/** The process filter of the lists: that process or one it calls (`procedimento-disciplinare` takes its phases). */
export function processFilter(q: Knex.QueryBuilder, column: string, process: string | undefined): void {
  if (process) processAllowed(q, column, [process]);
}
