import type { Knex } from 'knex';

/**
 * `needle` occurs in `column`, case-sensitively on both databases (SQLite's LIKE ignores ASCII case, which
 * would let group `A` see the tasks of group `a`).
 */
function contains(w: Knex.QueryBuilder, column: string, needle: string): void {
  const postgres = String((w as unknown as { client: { config: { client: string } } }).client.config.client).startsWith('p');
  w.orWhereRaw(postgres ? `strpos(${column}, ?) > 0` : `instr(${column}, ?) > 0`, [needle]);
}

/** `column` (a `|a|b|` list) holds one of `values`; nothing matches an empty list. */
export function holdsAny(q: Knex.QueryBuilder, column: string, values: readonly string[]): void {
  if (values.length === 0) {
    q.whereRaw('1 = 0');
    return;
  }
  q.where((w) => {
    for (const v of values) contains(w, column, `|${v}|`);
  });
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
