import type { Knex } from 'knex';
import type { AuditAction } from '../../../../src/audit/index.js';
import type { EngineEventSource } from './EngineEventSource.js';

const ISTAT = /^\d{6}$/;
const CACHE_LIMIT = 5000;

/** Reads the trail and the engine for what the follower needs to link and de-duplicate entries. */
export class CaseLookup {
  private readonly comuni = new Map<string, string>();

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

  /** Which of these entities the trail already holds this action on (one query per batch). */
  async recordedKeys(action: AuditAction, entityType: string, entityKeys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const keys = [...new Set(entityKeys)];
    for (let i = 0; i < keys.length; i += 500) {
      const rows = (await this.knex('audit_entries')
        .where({ action, entity_type: entityType })
        .whereIn('entity_key', keys.slice(i, i + 500))
        .distinct('entity_key')) as Array<{ entity_key: string }>;
      for (const r of rows) found.add(r.entity_key);
    }
    return found;
  }

  /** The Comune of each of several cases, with one engine search for those not cached. */
  async comuniOf(processInstanceKeys: Array<string | undefined>): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const unknown: string[] = [];
    for (const key of new Set(processInstanceKeys)) {
      if (!key) continue;
      const cached = this.comuni.get(key);
      if (cached) result.set(key, cached);
      else unknown.push(key);
    }
    if (unknown.length === 0) return result;
    for (const variable of await this.source.rootVariableOf(unknown, 'codiceIstat')) {
      const code = istatCode(variable.value);
      if (!code || !variable.processInstanceKey) continue;
      result.set(variable.processInstanceKey, code);
      this.remember(variable.processInstanceKey, code);
    }
    return result;
  }

  /** The Comune a case concerns (`codiceIstat` at the instance's root scope), when it names one. */
  async comuneOf(processInstanceKey: string | undefined): Promise<string | undefined> {
    if (!processInstanceKey) return undefined;
    const cached = this.comuni.get(processInstanceKey);
    if (cached) return cached;
    const [variable] = await this.source.rootVariables(processInstanceKey, ['codiceIstat']);
    const code = variable ? istatCode(variable.value) : undefined;
    if (code) this.remember(processInstanceKey, code);
    return code;
  }

  // Only a found code is cached: a variable may be set after the instance starts.
  private remember(processInstanceKey: string, code: string): void {
    if (this.comuni.size >= CACHE_LIMIT) this.comuni.clear();
    this.comuni.set(processInstanceKey, code);
  }
}

/** A variable's JSON value when it is a six-digit ISTAT code. */
function istatCode(json: string): string | undefined {
  try {
    const value: unknown = JSON.parse(json);
    if ((typeof value === 'string' || typeof value === 'number') && ISTAT.test(String(value))) return String(value);
  } catch {
    return undefined;
  }
  return undefined;
}
