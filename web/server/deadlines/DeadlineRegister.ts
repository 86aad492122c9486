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
    // Called processes carry copies of their parent's deadlines; the root case owns them.
    const roots = page.items.filter((i) => !i.parentProcessInstanceKey && processIdAllowed(processIds, i.processDefinitionId));
    const entries = await Promise.all(roots.map((i) => this.deadlinesOf(i, now)));
    return entries.flat().sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
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
