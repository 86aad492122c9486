import type { InstanceScope } from '../auth/InstanceScope.js';
import { COMUNE_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import { processIdAllowed, visibleProcessIds, type UserAccess } from '../auth/roles.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import type { RegisterEntry } from '../../shared/deadlineTypes.js';
import { readCaseDeadlines } from './caseDeadlines.js';
import { deadlineName } from './deadlineName.js';
import type { DeadlineSite, DeadlineSiteCache } from './deadlineSites.js';
import { allProcessInstances } from '../engine/allProcessInstances.js';

export type { RegisterEntry } from '../../shared/deadlineTypes.js';

/** Instance keys per variable search: small enough for a request body, large enough to keep queries few. */
const KEYS_PER_QUERY = 500;

/**
 * The scadenzario: every open deadline of the active cases the user may see. A deadline is open while
 * the element that waits on it is active (the task with that due date, the host of the timer); a
 * deadline no diagram element watches is listed until its date, since nothing tells when it was met.
 *
 * Read with a number of REST queries that does not grow with the number of cases: the active instances
 * page by page, the variables that hold deadlines for many instances at once (`$in`), and which instances
 * wait at each deadline's element (one instance search per element of the diagrams, not per case).
 */
export class DeadlineRegister {
  constructor(
    private readonly engine: EngineClient,
    private readonly scope: InstanceScope,
    private readonly sites: DeadlineSiteCache,
  ) {}

  async openDeadlines(user: UserAccess, now: Date = new Date()): Promise<RegisterEntry[]> {
    const keys = await this.scope.visibleInstanceKeys(user);
    const processIds = visibleProcessIds(user);
    const instances = (await allProcessInstances(this.engine, { state: 'ACTIVE', processInstanceKeys: keys === 'all' ? undefined : keys })).filter((i) =>
      processIdAllowed(processIds, i.processDefinitionId),
    );
    if (instances.length === 0) return [];
    const sitesByDefinition = new Map(
      await Promise.all([...new Set(instances.map((i) => i.processDefinitionKey))].map(async (k) => [k, await this.sites.sitesOf(k)] as const)),
    );
    const [activeAt, variables] = await Promise.all([this.activeWaitingElements(instances, sitesByDefinition, keys), this.deadlineVariables(instances, sitesByDefinition)]);
    const deadlinesOf = (instance: ProcessInstanceSummary) =>
      this.deadlinesOf(instance, variables.get(instance.processInstanceKey) ?? { values: {} }, activeAt.get(instance.processInstanceKey) ?? new Set(), sitesByDefinition.get(instance.processDefinitionKey) ?? [], now);
    const entries = casesOf(instances).map((c) => caseDeadlines(c, deadlinesOf));
    return entries.flat().sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /** For each instance, which of its deadline-waiting elements are active now: one search per waiting element. */
  private async activeWaitingElements(instances: ProcessInstanceSummary[], sitesByDefinition: Map<string, DeadlineSite[]>, keys: 'all' | string[]): Promise<Map<string, Set<string>>> {
    const wanted = new Set(instances.map((i) => i.processInstanceKey));
    const out = new Map<string, Set<string>>();
    const searches = [...sitesByDefinition].flatMap(([definitionKey, sites]) =>
      [...new Set(sites.map((s) => s.waitingElementId))].map(async (elementId) => {
        const found = await allProcessInstances(this.engine, {
          state: 'ACTIVE',
          processDefinitionKey: definitionKey,
          activeElementId: elementId,
          processInstanceKeys: keys === 'all' ? undefined : keys,
        });
        for (const i of found) {
          if (!wanted.has(i.processInstanceKey)) continue;
          let set = out.get(i.processInstanceKey);
          if (!set) out.set(i.processInstanceKey, (set = new Set()));
          set.add(elementId);
        }
      }),
    );
    await Promise.all(searches);
    return out;
  }

  /**
   * The root-scope variables a deadline is read from, for many instances per query: the `scadenze` list,
   * the Comune, the case number and every variable a diagram waits on; then the variables named only in
   * some `scadenze` list.
   */
  private async deadlineVariables(instances: ProcessInstanceSummary[], sitesByDefinition: Map<string, DeadlineSite[]>): Promise<Map<string, CaseVariables>> {
    const keys = instances.map((i) => i.processInstanceKey);
    const names = new Set(['scadenze', COMUNE_VARIABLE, ...BUSINESS_KEY_VARIABLES, ...[...sitesByDefinition.values()].flat().map((s) => s.variable)]);
    const out = new Map<string, CaseVariables>();
    const read = async (forKeys: string[], forNames: string[]) => {
      for (let i = 0; i < forKeys.length; i += KEYS_PER_QUERY) {
        const vars = await this.engine.searchVariables({ processInstanceKeys: forKeys.slice(i, i + KEYS_PER_QUERY), names: forNames });
        for (const v of vars) {
          if (v.scopeKey !== v.processInstanceKey) continue;
          let found = out.get(v.processInstanceKey);
          if (!found) out.set(v.processInstanceKey, (found = { values: {} }));
          found.values[v.name] = parsed(v.value);
          if (v.name === COMUNE_VARIABLE) found.comune = comuniOf(v)[0];
        }
      }
    };
    await read(keys, [...names]);
    const more = new Map<string, string[]>();
    for (const [key, { values }] of out) {
      const listed = Array.isArray(values.scadenze) ? (values.scadenze as Array<{ variabile?: unknown }>) : [];
      for (const e of listed) if (e && typeof e.variabile === 'string' && !names.has(e.variabile)) (more.get(e.variabile) ?? more.set(e.variabile, []).get(e.variabile)!).push(key);
    }
    for (const [name, forKeys] of more) await read(forKeys, [name]);
    return out;
  }

  private deadlinesOf(instance: ProcessInstanceSummary, { values: variables, comune }: CaseVariables, active: Set<string>, sites: DeadlineSite[], now: Date): RegisterEntry[] {
    const watched = new Set(sites.map((s) => s.variable));
    const openSites = sites.filter((s) => active.has(s.waitingElementId));
    const open = readCaseDeadlines(variables, openSites, now);
    const unwatched = readCaseDeadlines(variables, 'all', now).filter((d) => !watched.has(d.variable) && d.status !== 'overdue');
    const businessKey = BUSINESS_KEY_VARIABLES.map((n) => variables[n]).find((v) => typeof v === 'string') as string | undefined;
    return [...open, ...unwatched].map((d) => ({
      ...d,
      name: deadlineName(d),
      processInstanceKey: instance.processInstanceKey,
      processDefinitionId: instance.processDefinitionId,
      processName: instance.processDefinitionName,
      businessKey,
      comune,
    }));
  }
}

/**
 * A case's deadlines: its root instance's, then those of the called processes running for it (the 48 hours
 * of a flagranza, a candidate's answer to an offer), all listed under the case. A called process that
 * carries a copy of a deadline the case already lists (same variable, same date) adds nothing.
 */
function caseDeadlines({ root, called }: Case, deadlinesOf: (i: ProcessInstanceSummary) => RegisterEntry[]): RegisterEntry[] {
  const own = deadlinesOf(root);
  const seen = new Set(own.map((d) => `${d.variable}@${d.dueAt}`));
  const out = [...own];
  for (const d of called.flatMap(deadlinesOf)) {
    const id = `${d.variable}@${d.dueAt}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ ...d, processInstanceKey: root.processInstanceKey, processDefinitionId: root.processDefinitionId, processName: root.processDefinitionName, businessKey: own[0]?.businessKey ?? d.businessKey, comune: own[0]?.comune ?? d.comune });
  }
  return out;
}

function parsed(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

interface CaseVariables {
  values: Record<string, unknown>;
  /** the Comune of the case (root-scope codiceIstat) */
  comune?: string;
}

interface Case {
  root: ProcessInstanceSummary;
  /** active instances called, directly or not, by the root */
  called: ProcessInstanceSummary[];
}

/** Groups active instances by the root case that called them; a called instance whose root is not listed is left out. */
function casesOf(instances: ProcessInstanceSummary[]): Case[] {
  const byKey = new Map(instances.map((i) => [i.processInstanceKey, i]));
  const cases = new Map<string, Case>();
  for (const i of instances) if (!i.parentProcessInstanceKey) cases.set(i.processInstanceKey, { root: i, called: [] });
  for (const i of instances) {
    let top = i;
    for (let depth = 0; top.parentProcessInstanceKey && depth < 100; depth++) {
      const parent = byKey.get(top.parentProcessInstanceKey);
      if (!parent) break;
      top = parent;
    }
    if (top !== i && !top.parentProcessInstanceKey) cases.get(top.processInstanceKey)?.called.push(i);
  }
  return [...cases.values()];
}
