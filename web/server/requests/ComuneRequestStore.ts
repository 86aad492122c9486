import type { Knex } from 'knex';

export interface ComuneRequestRow {
  id: number;
  kind: string;
  codiceIstat: string;
  comuneNome: string;
  username: string;
  displayName: string;
  createdAt: string;
  businessKey: string;
  processDefinitionId: string;
  processInstanceKey: string | null;
  outcome: 'pending' | 'started' | 'correlated';
  summary: string;
}

export interface ComuneRequestFilter {
  kind?: string;
  /** only these Comuni; undefined: all */
  comuni?: string[];
}

const TABLE = 'comune_requests';

const fromDb = (r: Record<string, unknown>): ComuneRequestRow => ({
  id: Number(r.id),
  kind: String(r.kind),
  codiceIstat: String(r.codice_istat),
  comuneNome: String(r.comune_nome),
  username: String(r.username),
  displayName: String(r.display_name),
  createdAt: String(r.created_at),
  businessKey: String(r.business_key),
  processDefinitionId: String(r.process_definition_id),
  processInstanceKey: r.process_instance_key === null || r.process_instance_key === undefined ? null : String(r.process_instance_key),
  outcome: r.outcome as ComuneRequestRow['outcome'],
  summary: String(r.summary),
});

/** The Comuni's requests to the Provincia (migration 0019): the queue «Richieste in arrivo». */
export class ComuneRequestStore {
  constructor(private readonly knex: Knex) {}

  async insertPending(row: Omit<ComuneRequestRow, 'id' | 'processInstanceKey' | 'outcome'>): Promise<number> {
    const [inserted] = await this.knex(TABLE)
      .insert({
        kind: row.kind, codice_istat: row.codiceIstat, comune_nome: row.comuneNome, username: row.username, display_name: row.displayName,
        created_at: row.createdAt, business_key: row.businessKey, process_definition_id: row.processDefinitionId, outcome: 'pending', summary: row.summary,
      })
      .returning('id');
    return Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
  }

  async settle(id: number, outcome: 'started' | 'correlated', processInstanceKey: string): Promise<void> {
    await this.knex(TABLE).where({ id }).update({ outcome, process_instance_key: processInstanceKey });
  }

  async remove(id: number): Promise<void> {
    await this.knex(TABLE).where({ id, outcome: 'pending' }).delete();
  }

  /** Case numbers already given with this prefix (UPD-2026-108033-), to number the next one. */
  async countWithPrefix(prefix: string): Promise<number> {
    const row = (await this.knex(TABLE).where('business_key', 'like', `${prefix}%`).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Newest first, with the total for paging; requests still being started are left out. */
  async page(filter: ComuneRequestFilter, from: number, limit: number): Promise<{ items: ComuneRequestRow[]; total: number }> {
    const q = () => {
      const query = this.knex(TABLE).whereNot({ outcome: 'pending' });
      if (filter.kind) query.andWhere({ kind: filter.kind });
      if (filter.comuni) query.whereIn('codice_istat', filter.comuni);
      return query;
    };
    const total = (await q().count({ n: '*' }).first()) as { n: number | string } | undefined;
    const rows = (await q().orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).offset(from).limit(limit)) as Record<string, unknown>[];
    return { items: rows.map(fromDb), total: Number(total?.n ?? 0) };
  }
}
