import type { Knex } from 'knex';
import type { AuditEntry } from '../../../src/audit/index.js';
import type { InstanceScope } from '../auth/InstanceScope.js';
import type { UserAccess } from '../auth/roles.js';

/**
 * Which audit entries an auditor may read. An entry belongs to a Comune when it names one; an entry
 * that names none (a worker failure, an incident on a multi-Comune concorso) belongs to the Comuni
 * that can see its process instance. Entries with neither (sign-ins, deploys) are Provincia-wide.
 */
export class AuditScope {
  constructor(private readonly scope: InstanceScope) {}

  /**
   * A clause narrowing a query on audit_entries to the user's scope (none for a Provincia-wide user).
   * Returned as a function, not a query: a knex builder is thenable and an async function would run it.
   */
  async clauseFor(user: UserAccess): Promise<((query: Knex.QueryBuilder) => void) | undefined> {
    if (user.comuni === 'all') return undefined;
    const comuni = user.comuni;
    const visible = await this.scope.visibleInstanceKeys(user);
    const keys = visible === 'all' ? undefined : visible;
    return (query) => {
      query.where((q) => {
        q.whereIn('comune', comuni.length > 0 ? comuni : ['']);
        if (keys === undefined) q.orWhereNull('comune');
        else if (keys.length > 0) q.orWhere((r) => r.whereNull('comune').whereIn('process_instance_key', keys));
      });
    };
  }

  /** For an instance the user may see: drops entries of it that name another Comune. */
  filterInstanceEntries(entries: AuditEntry[], user: UserAccess): AuditEntry[] {
    if (user.comuni === 'all') return entries;
    const comuni = user.comuni;
    return entries.filter((e) => e.entity.comune === undefined || comuni.includes(e.entity.comune));
  }
}
