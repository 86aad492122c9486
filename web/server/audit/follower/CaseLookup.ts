import type { Knex } from 'knex';
import type { AuditAction } from '../../../../src/audit/index.js';
import type { EngineEventSource } from './EngineEventSource.js';

const ISTAT = /^\d{6}$/;
const CACHE_LIMIT = 5000;

/** Reads the trail and the engine for what the follower needs to link and de-duplicate entries. */
export class CaseLookup {
  private readonly comuni = new Map<string, string | null>();

  constructor(
    private readonly knex: Knex,
    private readonly source: EngineEventSource,
  ) {}

  /** Whether the trail already holds this action on this entity (recorded by the app, a worker or an earlier poll). */
  async recorded(action: AuditAction, entityKey: string, processInstanceKey?: string): Promise<boolean> {
    const q = this.knex('audit_entries').where({ action, entity_key: entityKey });
    if (processInstanceKey) q.andWhere('process_instance_key', processInstanceKey);
    return (await q.first('seq')) !== undefined;
  }

  /** The Comune a case concerns (`codiceIstat` at the instance's root scope), when it names one. */
  async comuneOf(processInstanceKey: string | undefined): Promise<string | undefined> {
    if (!processInstanceKey) return undefined;
    const cached = this.comuni.get(processInstanceKey);
    if (cached !== undefined) return cached ?? undefined;
    const [variable] = await this.source.rootVariables(processInstanceKey, ['codiceIstat']);
    let code: string | null = null;
    try {
      const value: unknown = variable ? JSON.parse(variable.value) : null;
      if ((typeof value === 'string' || typeof value === 'number') && ISTAT.test(String(value))) code = String(value);
    } catch {
      code = null;
    }
    if (this.comuni.size >= CACHE_LIMIT) this.comuni.clear();
    // Only a found code is cached: a variable may be set after the instance starts.
    if (code) this.comuni.set(processInstanceKey, code);
    return code ?? undefined;
  }
}
