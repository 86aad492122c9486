import { COMUNE_VARIABLE, COMUNI_VARIABLE, comuniOf, scopeComuniOf } from '../auth/InstanceScope.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import type { RegisterEntry } from '../../shared/deadlineTypes.js';
import { readCaseDeadlines } from './caseDeadlines.js';
import { deadlineName } from './deadlineName.js';
import type { DeadlineSite, DeadlineSiteCache } from './deadlineSites.js';
import { topInstances } from '../engine/topInstances.js';

export type { RegisterEntry } from '../../shared/deadlineTypes.js';

/** Instance keys per variable search: small enough for a request body, large enough to keep queries few. */
const KEYS_PER_QUERY = 500;

/** A deadline of the scadenzario, with what decides who may see it. */
export interface CaseDeadlineRow {
  entry: RegisterEntry;
  /** the Comuni of the case's root instance (its root-scope codiceIstat and comuniAderenti) */
  scope: string[];
  /** a deadline of a called process listed under the case: that process must be visible too */
  called?: { processDefinitionId: string; scope: string[] };
  /** no diagram element watches it: listed until its date only, since nothing tells when it was met */
  untilDue: boolean;
}

/**
 * The deadlines of the scadenzario for a set of running cases: every open deadline of the active
 * instances given (roots and the called processes running for them). A deadline is open while the
 * element that waits on it is active (the task with that due date, the host of the timer).
 *
 * Read with a number of REST queries that does not grow with the number of cases: the variables that
 * hold deadlines and the active elements, each for many instances at once (`$in`). The open-work index (openwork/) keeps
 * the result, so a page of the register never reads the engine case by case.
 */
export class DeadlineRegister {
  constructor(
    private readonly engine: EngineClient,
    private readonly sites: DeadlineSiteCache,
  ) {}

  async deadlinesOf(instances: ProcessInstanceSummary[], now: Date = new Date()): Promise<CaseDeadlineRow[]> {
    if (instances.length === 0) return [];
    const sitesByDefinition = new Map(
      await Promise.all([...new Set(instances.map((i) => i.processDefinitionKey))].map(async (k) => [k, await this.sites.sitesOf(k)] as const)),
    );
    const keys = instances.map((i) => i.processInstanceKey);
    const [activeAt, variables] = await Promise.all([this.activeWaitingElements(keys, sitesByDefinition), this.deadlineVariables(keys, sitesByDefinition)]);
    const factsOf = (instance: ProcessInstanceSummary) => variables.get(instance.processInstanceKey) ?? { values: {}, scope: [] };
    const deadlinesOf = (instance: ProcessInstanceSummary) =>
      this.instanceDeadlines(instance, factsOf(instance), activeAt.get(instance.processInstanceKey) ?? new Set(), sitesByDefinition.get(instance.processDefinitionKey) ?? [], now);
    return casesOf(instances).flatMap((c) => caseDeadlines(c, deadlinesOf, factsOf));
  }

  /** For each instance, which of its deadline-waiting elements are active now: the active elements of many instances per search. */
  private async activeWaitingElements(keys: string[], sitesByDefinition: Map<string, DeadlineSite[]>): Promise<Map<string, Set<string>>> {
    const waiting = new Set([...sitesByDefinition.values()].flat().map((s) => s.waitingElementId));
    const out = new Map<string, Set<string>>();
    if (waiting.size === 0) return out;
    for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
      for (const { processInstanceKey, elementId } of await this.engine.searchActiveElements(keys.slice(i, i + KEYS_PER_QUERY))) {
        if (!waiting.has(elementId)) continue;
        let set = out.get(processInstanceKey);
        if (!set) out.set(processInstanceKey, (set = new Set()));
        set.add(elementId);
      }
    }
    return out;
  }

  /**
   * The root-scope variables a deadline is read from, for many instances per query: the `scadenze` list,
   * the Comune (and the Comuni of an associated procedure, for the scope), the case number and every
   * variable a diagram waits on; then the variables named only in some `scadenze` list.
   */
  private async deadlineVariables(keys: string[], sitesByDefinition: Map<string, DeadlineSite[]>): Promise<Map<string, CaseVariables>> {
    const names = new Set(['scadenze', COMUNE_VARIABLE, COMUNI_VARIABLE, ...BUSINESS_KEY_VARIABLES, ...[...sitesByDefinition.values()].flat().map((s) => s.variable)]);
    const out = new Map<string, CaseVariables>();
    const read = async (forKeys: string[], forNames: string[]) => {
      for (let i = 0; i < forKeys.length; i += KEYS_PER_QUERY) {
        const vars = await this.engine.searchVariables({ processInstanceKeys: forKeys.slice(i, i + KEYS_PER_QUERY), names: forNames });
        for (const v of vars) {
          if (v.scopeKey !== v.processInstanceKey) continue;
          let found = out.get(v.processInstanceKey);
          if (!found) out.set(v.processInstanceKey, (found = { values: {}, scope: [] }));
          found.values[v.name] = parsed(v.value);
          found.scope.push(...scopeComuniOf(v));
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

  private instanceDeadlines(instance: ProcessInstanceSummary, { values: variables, comune }: CaseVariables, active: Set<string>, sites: DeadlineSite[], now: Date): Array<RegisterEntry & { untilDue: boolean }> {
    const watched = new Set(sites.map((s) => s.variable));
    const openSites = sites.filter((s) => active.has(s.waitingElementId));
    const open = readCaseDeadlines(variables, openSites, now).map((d) => ({ ...d, untilDue: false }));
    const unwatched = readCaseDeadlines(variables, 'all', now)
      .filter((d) => !watched.has(d.variable))
      .map((d) => ({ ...d, untilDue: true }));
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
function caseDeadlines(
  { root, called }: Case,
  deadlinesOf: (i: ProcessInstanceSummary) => Array<RegisterEntry & { untilDue: boolean }>,
  factsOf: (i: ProcessInstanceSummary) => CaseVariables,
): CaseDeadlineRow[] {
  const scope = factsOf(root).scope;
  const own = deadlinesOf(root);
  const seen = new Set(own.map((d) => `${d.variable}@${d.dueAt}`));
  const out: CaseDeadlineRow[] = own.map(({ untilDue, ...entry }) => ({ entry, scope, untilDue }));
  for (const instance of called) {
    for (const { untilDue, ...d } of deadlinesOf(instance)) {
      const id = `${d.variable}@${d.dueAt}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const entry = { ...d, processInstanceKey: root.processInstanceKey, processDefinitionId: root.processDefinitionId, processName: root.processDefinitionName, businessKey: own[0]?.businessKey ?? d.businessKey, comune: own[0]?.comune ?? d.comune };
      out.push({ entry, scope, untilDue, called: { processDefinitionId: instance.processDefinitionId, scope: factsOf(instance).scope } });
    }
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
  /** every Comune the scope sees the instance under */
  scope: string[];
}

interface Case {
  root: ProcessInstanceSummary;
  /** active instances called, directly or not, by the root */
  called: ProcessInstanceSummary[];
}

/** Groups active instances by the root case that called them; a called instance whose root is not listed is left out. */
function casesOf(instances: ProcessInstanceSummary[]): Case[] {
  const cases = new Map<string, Case>();
  for (const i of instances) if (!i.parentProcessInstanceKey) cases.set(i.processInstanceKey, { root: i, called: [] });
  const tops = topInstances(instances);
  for (const i of instances) {
    const top = tops.get(i.processInstanceKey)!;
    if (top !== i && !top.parentProcessInstanceKey) cases.get(top.processInstanceKey)?.called.push(i);
  }
  return [...cases.values()];
}
