import type { EngineClient, ProcessInstanceSummary, VariableSummary } from '../engine/EngineClient.js';
import { processIdAllowed, visibleProcessIds, type UserAccess } from './roles.js';

/**
 * Which process instances a user may see. Instances carry the Comune they concern in root-scope
 * variables: `codiceIstat` (one Comune: disciplinare) or `comuniAderenti` (the Comuni of an associated
 * concorso or training plan: an array of codes or of objects with `codiceIstat`). Found through the REST
 * variable search, so this works the same against Camunda 8.
 */
export const COMUNE_VARIABLE = 'codiceIstat';
export const COMUNI_VARIABLE = 'comuniAderenti';

/** Where the instances of some Comuni are found without reading each case (the open-work index's case_scopes). */
export interface ScopeIndex {
  instanceKeysIn(comuni: readonly string[]): Promise<string[]>;
}

export class InstanceScope {
  private index: ScopeIndex | undefined;

  constructor(private readonly engine: EngineClient) {}

  /** From now on the lists find a Comune's instances in this index, brought up to date on each call. */
  useIndex(index: ScopeIndex): void {
    this.index = index;
  }

  /** `all` when no Comune restriction applies, otherwise the keys of every visible instance. */
  async visibleInstanceKeys(access: UserAccess): Promise<'all' | string[]> {
    const comuni = comuneScopeOf(access);
    if (comuni === 'all') return 'all';
    if (this.index) {
      try {
        return await this.index.instanceKeysIn(comuni);
      } catch (error) {
        // The index could not catch up (the engine's user-task API down, say): read the variables as before.
        console.error('[scope] open-work index unavailable, reading the engine:', (error as Error)?.message ?? error);
      }
    }
    const keys = new Set<string>();
    for (const code of access.comuni) {
      const vars = await this.engine.searchVariables({ name: COMUNE_VARIABLE, value: JSON.stringify(code) });
      for (const v of vars) if (isRootScope(v) && comuniOf(v).includes(code)) keys.add(v.processInstanceKey);
    }
    if (access.comuni.length > 0) {
      const lists = await this.engine.searchVariables({ name: COMUNI_VARIABLE });
      for (const v of lists) if (isRootScope(v) && comuniOf(v).some((c) => access.comuni.includes(c))) keys.add(v.processInstanceKey);
    }
    return [...keys].sort();
  }

  /** Whether this user may see this instance: its process belongs to their services and its Comune to their scope. */
  async canSee(access: UserAccess, instance: ProcessInstanceSummary): Promise<boolean> {
    if (!processIdAllowed(visibleProcessIds(access), instance.processDefinitionId)) return false;
    if (access.comuni === 'all' || !needsComuneScope(access)) return true;
    const vars = await this.engine.searchVariables({ processInstanceKey: instance.processInstanceKey });
    return vars
      .filter((v) => isRootScope(v) && (v.name === COMUNE_VARIABLE || v.name === COMUNI_VARIABLE))
      .some((v) => comuniOf(v).some((c) => (access.comuni as string[]).includes(c)));
  }
}

/** The Comuni whose instances this user may see, or `all` when no Comune restriction applies. */
export function comuneScopeOf(access: UserAccess): 'all' | string[] {
  return access.comuni === 'all' || !needsComuneScope(access) ? 'all' : access.comuni;
}

/** Comune and auditor users are scoped by Comune; Provincia staff by service only. */
function needsComuneScope(access: UserAccess): boolean {
  return !access.roles.includes('admin') && !access.roles.includes('provincia');
}

function isRootScope(v: VariableSummary): boolean {
  return v.scopeKey === v.processInstanceKey;
}

/**
 * The Comuni an instance is found under through this variable, as visibleInstanceKeys finds them: a root-scope
 * `codiceIstat` whose value is a string (searched by exact value), the Comuni listed in a root-scope `comuniAderenti`.
 */
export function scopeComuniOf(v: VariableSummary): string[] {
  if (!isRootScope(v)) return [];
  if (v.name === COMUNI_VARIABLE) return comuniOf(v);
  if (v.name !== COMUNE_VARIABLE) return [];
  try {
    const value = JSON.parse(v.value) as unknown;
    return typeof value === 'string' ? [value] : [];
  } catch {
    return [];
  }
}

/** The ISTAT codes a variable names: `"108033"`, `["108033"]` or `[{"codiceIstat":"108033"}]`. */
export function comuniOf(v: VariableSummary): string[] {
  let value: unknown;
  try {
    value = JSON.parse(v.value);
  } catch {
    return [];
  }
  const items = Array.isArray(value) ? value : [value];
  return items
    .map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>).codiceIstat : item))
    .filter((c): c is string | number => typeof c === 'string' || typeof c === 'number')
    .map(String);
}
