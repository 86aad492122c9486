import type { Knex } from 'knex';
import { listInstanceTrail, type AuditDatabase, type AuditEntry } from '../../../src/audit/index.js';
import type { CaseDiagram, CaseFile, SubCase } from '../../shared/caseFileTypes.js';
import { AuditScope } from '../audit/AuditScope.js';
import { COMUNE_VARIABLE, COMUNI_VARIABLE, comuniOf, type InstanceScope } from '../auth/InstanceScope.js';
import { hasRole, type UserAccess } from '../auth/roles.js';
import { readCaseDeadlines, type CaseDeadline } from '../deadlines/caseDeadlines.js';
import type { DeadlineSiteCache } from '../deadlines/deadlineSites.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { flowNodesOf, mayOperate } from '../instances/instanceOperations.js';
import { countByElement } from '../live/instanceStatus.js';
import { listComuni } from '../routes/comuneRoutes.js';
import type { TaskCase } from '../tasks/TaskCase.js';
import type { TaskClient } from '../tasks/TaskClient.js';
import { caseDataFields } from './caseDataFields.js';
import type { CaseDataLabels } from './caseDataLabels.js';
import { nextStepsOf, phaseOf, procedureOf, type LoadedInstance } from './caseNextSteps.js';
import { casePartiesOf } from './caseParties.js';
import { caseNumberOf, flatten, type InstanceNode } from './caseResolver.js';
import { caseTimeline } from './caseTimeline.js';

export interface CaseFileParts {
  engine: EngineClient;
  tasks: TaskClient;
  scope: InstanceScope;
  db: AuditDatabase & { knex: Knex };
  labels: CaseDataLabels;
  sites: DeadlineSiteCache;
  documents: TaskCase;
}

/** The variables that say whose case it is are shown as the Comune's name, in the summary, not as data. */
const SHOWN_APART = new Set([COMUNE_VARIABLE, COMUNI_VARIABLE, 'comune', 'codiceIstatRichiedente']);

function parsed(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Builds the case file of one instance of a case (the case itself, or one of its sub-cases) from the
 * Camunda REST API (instances, elements, variables, user tasks, incidents) and the app's own records (the
 * audit trail, the documents table, the forms' labels). `node` is the page's instance with what it called.
 */
export class CaseFileBuilder {
  private readonly names = new Map<string, Promise<Map<string, string>>>();
  private readonly auditScope: AuditScope;

  constructor(private readonly parts: CaseFileParts) {
    this.auditScope = new AuditScope(parts.scope);
  }

  /** element id → name of a deployed definition (a definition never changes, so this never goes stale) */
  private namesOf(instance: ProcessInstanceSummary): Promise<Map<string, string>> {
    let names = this.names.get(instance.processDefinitionKey);
    if (!names) {
      names = this.parts.engine.getProcessDefinitionXml(instance.processDefinitionKey).then((xml) => (xml ? flowNodesOf(xml, instance.processDefinitionId) : new Map<string, string>()));
      names.catch(() => this.names.delete(instance.processDefinitionKey));
      this.names.set(instance.processDefinitionKey, names);
    }
    return names;
  }

  private async load(instance: ProcessInstanceSummary): Promise<LoadedInstance> {
    const { engine, tasks } = this.parts;
    const running = instance.state === 'ACTIVE';
    const [elements, names, open, incidents] = await Promise.all([
      engine.searchElementInstances(instance.processInstanceKey),
      this.namesOf(instance),
      running ? tasks.searchTasks({ state: 'CREATED', processInstanceKey: instance.processInstanceKey }) : Promise.resolve([]),
      running ? engine.searchIncidents(instance.processInstanceKey) : Promise.resolve([]),
    ]);
    return { instance, elements, names, tasks: open.filter((t) => t.processInstanceKey === instance.processInstanceKey), incidents };
  }

  async build(user: UserAccess, node: InstanceNode, root: ProcessInstanceSummary, otherRoots: ProcessInstanceSummary[], caseRef: string, now = new Date()): Promise<CaseFile> {
    const { engine } = this.parts;
    const familyInstances = flatten(node);
    const family = await Promise.all(familyInstances.map((i) => this.load(i)));
    const byKey = new Map(family.map((l) => [l.instance.processInstanceKey, l]));
    // A called instance hangs under the element instance of the call activity that started it.
    const byParentElement = new Map<string, LoadedInstance>();
    for (const l of family) if (l.instance.parentElementInstanceKey) byParentElement.set(l.instance.parentElementInstanceKey, l);
    const focus = family[0];
    const keys = familyInstances.map((i) => i.processInstanceKey);

    const rootVars = await this.rootVariables(keys);
    const own = rootVars.get(focus.instance.processInstanceKey) ?? {};
    // The case data: the instance's own, then what its phases added (a phase's form writes into the phase).
    const merged: Record<string, unknown> = {};
    for (const key of [...keys].reverse()) Object.assign(merged, rootVars.get(key));
    Object.assign(merged, own);
    const caseNumber = caseNumberOf(own) ?? caseNumberOf(merged);
    const comuniNames = new Map((await listComuni(this.parts.db.knex).catch(() => [])).map((c) => [c.codiceIstat, c.nome]));
    const comuni = this.comuniOf(own).map((c) => ({ codiceIstat: c, nome: comuniNames.get(c) }));
    const isRoot = !focus.instance.parentProcessInstanceKey;
    const parent = focus.instance.parentProcessInstanceKey ? await engine.getProcessInstance(focus.instance.parentProcessInstanceKey) : undefined;
    const enc = encodeURIComponent(caseRef);

    const phase = this.phaseOf(focus, byParentElement);
    const [entries, documents, deadlines, diagram, labels, overview] = await Promise.all([
      this.trail(user, keys),
      this.parts.documents.documents(keys, isRoot ? caseNumber : undefined),
      this.deadlines(family, rootVars, now),
      this.diagramOf(phase, byParentElement),
      this.parts.labels.all(),
      phase === focus ? Promise.resolve(undefined) : this.diagramOf(focus, byParentElement),
    ]);
    const elementName = (id: string) => {
      for (const l of family) if (l.names.has(id)) return l.names.get(id);
      return undefined;
    };
    return {
      ...(caseNumber ? { caseNumber } : {}),
      processInstanceKey: focus.instance.processInstanceKey,
      rootProcessInstanceKey: root.processInstanceKey,
      ...(parent ? { parent: { processInstanceKey: parent.processInstanceKey, procedure: procedureOf(parent) } } : {}),
      otherInstances: otherRoots.filter((r) => r.processInstanceKey !== root.processInstanceKey).map((r) => ({ processInstanceKey: r.processInstanceKey, state: r.state, ...(r.startDate ? { startDate: r.startDate } : {}) })),
      summary: {
        procedure: procedureOf(focus.instance),
        processDefinitionId: focus.instance.processDefinitionId,
        state: focus.instance.state,
        hasIncident: family.some((l) => l.instance.state === 'ACTIVE' && l.incidents.some((i) => !i.state || i.state === 'ACTIVE')),
        phase: phaseOf(focus, byParentElement),
        ...(focus.instance.startDate ? { startDate: focus.instance.startDate } : {}),
        ...(focus.instance.endDate ? { endDate: focus.instance.endDate } : {}),
        comuni,
        parties: casePartiesOf(merged),
      },
      nextSteps: nextStepsOf(user, family, root.processInstanceKey, comuni.map((c) => c.codiceIstat)),
      deadlines,
      timeline: caseTimeline(entries, elementName),
      documents: documents.map((d) => ({ sha256: d.sha256, name: d.name, kind: d.kind, createdAt: d.createdAt, href: `/api/cases/${enc}/documents/${d.sha256}?istanza=${focus.instance.processInstanceKey}` })),
      subCases: node.children.map((c) => this.subCase(c, byKey)),
      data: caseDataFields(merged, labels, SHOWN_APART),
      diagram,
      ...(overview ? { overview } : {}),
      mayOperate: mayOperate(user),
    };
  }

  private subCase(node: InstanceNode, byKey: Map<string, LoadedInstance>): SubCase {
    const i = node.instance;
    const parent = i.parentProcessInstanceKey ? byKey.get(i.parentProcessInstanceKey) : undefined;
    const call = parent?.elements.find((e) => e.elementInstanceKey === i.parentElementInstanceKey);
    return {
      processInstanceKey: i.processInstanceKey,
      processDefinitionId: i.processDefinitionId,
      procedure: procedureOf(i),
      state: i.state,
      hasIncident: i.hasIncident,
      ...(i.startDate ? { startDate: i.startDate } : {}),
      ...(i.endDate ? { endDate: i.endDate } : {}),
      ...(call ? { callActivityId: call.elementId, callActivityName: parent!.names.get(call.elementId) ?? call.elementId } : {}),
      children: node.children.map((c) => this.subCase(c, byKey)),
    };
  }

  /** Root-scope variables of each instance, parsed; a few searches for the whole family. */
  private async rootVariables(keys: string[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>(keys.map((k) => [k, {}]));
    for (const v of await this.parts.engine.searchVariables({ processInstanceKeys: keys })) {
      if (v.scopeKey === v.processInstanceKey) out.get(v.processInstanceKey)![v.name] = parsed(v.value);
    }
    return out;
  }

  private comuniOf(vars: Record<string, unknown>): string[] {
    const codes: string[] = [];
    for (const name of [COMUNE_VARIABLE, COMUNI_VARIABLE]) {
      if (vars[name] === undefined) continue;
      for (const c of comuniOf({ name, value: JSON.stringify(vars[name]), scopeKey: '', processInstanceKey: '' })) if (!codes.includes(c)) codes.push(c);
    }
    return codes;
  }

  private async trail(user: UserAccess, keys: string[]): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for (const key of keys) entries.push(...(await listInstanceTrail(this.parts.db, key)));
    // Provincia staff see the cases of their services whole; Comune users and auditors only their Comuni's entries.
    return hasRole(user, 'admin', 'provincia') ? entries : this.auditScope.filterInstanceEntries(entries, user);
  }

  /**
   * The open deadlines: in each running instance, those whose waiting element is active (the task with
   * that due date, the host of the timer), and those no element watches until their day; a phase's copy
   * of a deadline the case already lists adds nothing.
   */
  private async deadlines(family: LoadedInstance[], vars: Map<string, Record<string, unknown>>, now: Date): Promise<CaseDeadline[]> {
    const out: CaseDeadline[] = [];
    const seen = new Set<string>();
    for (const l of family.filter((x) => x.instance.state === 'ACTIVE')) {
      const sites = await this.parts.sites.sitesOf(l.instance.processDefinitionKey);
      const active = new Set(l.elements.filter((e) => e.state === 'ACTIVE').map((e) => e.elementId));
      const values = vars.get(l.instance.processInstanceKey) ?? {};
      const watched = new Set(sites.map((s) => s.variable));
      const open = [...readCaseDeadlines(values, sites.filter((s) => active.has(s.waitingElementId)), now), ...readCaseDeadlines(values, 'all', now).filter((d) => !watched.has(d.variable) && d.status !== 'overdue')];
      for (const d of open) {
        const id = `${d.variable}@${d.dueAt}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(d);
      }
    }
    return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /** The diagram of the phase the case is in: follow the active call activities down to the deepest running sub-case. */
  private phaseOf(focus: LoadedInstance, byParentElement: Map<string, LoadedInstance>): LoadedInstance {
    let at = focus;
    for (let depth = 0; depth < 10 && at.instance.state === 'ACTIVE'; depth++) {
      const call = at.elements.find((e) => e.type === 'CALL_ACTIVITY' && e.state === 'ACTIVE' && byParentElement.get(e.elementInstanceKey)?.instance.state === 'ACTIVE');
      if (!call) break;
      at = byParentElement.get(call.elementInstanceKey)!;
    }
    return at;
  }

  /** One instance's diagram: its path and tokens, where to zoom, and which sub-case each call activity started. */
  private async diagramOf(at: LoadedInstance, byParentElement: Map<string, LoadedInstance>): Promise<CaseDiagram> {
    const flows = await this.parts.engine.getProcessInstanceSequenceFlows(at.instance.processInstanceKey);
    const active = at.elements.filter((e) => e.state === 'ACTIVE' && e.type !== 'PROCESS' && e.type !== 'MULTI_INSTANCE_BODY').map((e) => e.elementId);
    const ends = at.elements.filter((e) => e.type === 'END_EVENT').map((e) => e.elementId);
    const calledInstances: CaseDiagram['calledInstances'] = [];
    for (const e of at.elements.filter((x) => x.type === 'CALL_ACTIVITY').sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''))) {
      const child = byParentElement.get(e.elementInstanceKey);
      // A call activity that ran several times (a renewed contestazione) opens its latest sub-case.
      if (!child) continue;
      const i = calledInstances.findIndex((c) => c.callActivityId === e.elementId);
      if (i >= 0) calledInstances.splice(i, 1);
      calledInstances.push({ callActivityId: e.elementId, processInstanceKey: child.instance.processInstanceKey });
    }
    return {
      processInstanceKey: at.instance.processInstanceKey,
      processDefinitionKey: at.instance.processDefinitionKey,
      procedure: procedureOf(at.instance),
      flows: [...new Set(flows)].sort(),
      elements: countByElement(at.elements),
      focusElementIds: [...new Set(active.length ? active : ends)],
      calledInstances,
    };
  }
}
