import type { InstanceScope } from '../auth/InstanceScope.js';
import { COMUNE_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import { processIdAllowed, visibleProcessIds, type UserAccess } from '../auth/roles.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import type { RegisterEntry } from '../../shared/deadlineTypes.js';
import { readCaseDeadlines } from './caseDeadlines.js';
import type { DeadlineSiteCache } from './deadlineSites.js';

export type { RegisterEntry } from '../../shared/deadlineTypes.js';

const MAX_INSTANCES = 1000;

/**
 * The scadenzario: every open deadline of the active cases the user may see. A deadline is open while
 * the element that waits on it is active (the task with that due date, the host of the timer); a
 * deadline no diagram element watches is listed until its date, since nothing tells when it was met.
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
    const page = await this.engine.searchProcessInstances(
      { state: 'ACTIVE', processInstanceKeys: keys === 'all' ? undefined : keys },
      { from: 0, limit: MAX_INSTANCES },
    );
    const cases = casesOf(page.items.filter((i) => processIdAllowed(processIds, i.processDefinitionId)));
    const entries = await Promise.all(cases.map((c) => this.caseDeadlines(c, now)));
    return entries.flat().sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /**
   * A case's deadlines: its root instance's, then those of the called processes running for it (the 48 hours
   * of a flagranza, a candidate's answer to an offer), all listed under the case. A called process that
   * carries a copy of a deadline the case already lists (same variable, same date) adds nothing.
   */
  private async caseDeadlines({ root, called }: Case, now: Date): Promise<RegisterEntry[]> {
    const [own, ...inCalled] = await Promise.all([root, ...called].map((i) => this.deadlinesOf(i, now)));
    const seen = new Set(own.map((d) => `${d.variable}@${d.dueAt}`));
    const out = [...own];
    for (const d of inCalled.flat()) {
      const id = `${d.variable}@${d.dueAt}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ ...d, processInstanceKey: root.processInstanceKey, processDefinitionId: root.processDefinitionId, processName: root.processDefinitionName, businessKey: own[0]?.businessKey ?? d.businessKey, comune: own[0]?.comune ?? d.comune });
    }
    return out;
  }

  private async deadlinesOf(instance: ProcessInstanceSummary, now: Date): Promise<RegisterEntry[]> {
    const [vars, stats, sites] = await Promise.all([
      this.engine.searchVariables({ processInstanceKey: instance.processInstanceKey }),
      this.engine.getProcessInstanceStatistics(instance.processInstanceKey),
      this.sites.sitesOf(instance.processDefinitionKey),
    ]);
    const variables: Record<string, unknown> = {};
    for (const v of vars) {
      if (v.scopeKey !== v.processInstanceKey) continue;
      try {
        variables[v.name] = JSON.parse(v.value);
      } catch {
        variables[v.name] = v.value;
      }
    }
    const active = new Set(stats.filter((s) => s.active > 0).map((s) => s.elementId));
    const watched = new Set(sites.map((s) => s.variable));
    const openSites = sites.filter((s) => active.has(s.waitingElementId));
    const open = readCaseDeadlines(variables, openSites, now);
    const unwatched = readCaseDeadlines(variables, 'all', now).filter((d) => !watched.has(d.variable) && d.status !== 'overdue');
    const comuneVar = vars.find((v) => v.scopeKey === v.processInstanceKey && v.name === COMUNE_VARIABLE);
    const businessKey = BUSINESS_KEY_VARIABLES.map((n) => variables[n]).find((v) => typeof v === 'string') as string | undefined;
    return [...open, ...unwatched].map((d) => ({
      ...d,
      processInstanceKey: instance.processInstanceKey,
      processDefinitionId: instance.processDefinitionId,
      processName: instance.processDefinitionName,
      businessKey,
      comune: comuneVar ? comuniOf(comuneVar)[0] : undefined,
    }));
  }
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
