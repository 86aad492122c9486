import type { InstanceScope } from '../auth/InstanceScope.js';
import { processIdAllowed, visibleProcessIds, type UserAccess } from '../auth/roles.js';
import { allProcessInstances } from '../engine/allProcessInstances.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';

const MAX_DEPTH = 10;

/** The case number of a case: the first of the business-key variables it holds (idProcedimento, idConcorso, ...). */
export function caseNumberOf(variables: Record<string, unknown>): string | undefined {
  return BUSINESS_KEY_VARIABLES.map((n) => variables[n]).find((v): v is string => typeof v === 'string' && v !== '');
}

/** Running cases first, then the newest. */
const byRelevance = (a: ProcessInstanceSummary, b: ProcessInstanceSummary) =>
  Number(b.state === 'ACTIVE') - Number(a.state === 'ACTIVE') || (b.startDate ?? '').localeCompare(a.startDate ?? '') || b.processInstanceKey.localeCompare(a.processInstanceKey);

/**
 * Which cases a reference names for this user: the root instances (never a called phase, which carries a
 * copy of the number) whose case number it is, or, for a case that has no number, the root of the instance
 * with that key. Only cases the user may see: for anyone else the number names nothing.
 */
export async function resolveCase(engine: EngineClient, scope: InstanceScope, user: UserAccess, ref: string): Promise<ProcessInstanceSummary[]> {
  const keys = new Set<string>();
  for (const name of BUSINESS_KEY_VARIABLES) {
    for (const v of await engine.searchVariables({ name, value: JSON.stringify(ref) })) if (v.scopeKey === v.processInstanceKey) keys.add(v.processInstanceKey);
  }
  const roots: ProcessInstanceSummary[] = [];
  for (const key of keys) {
    const instance = await engine.getProcessInstance(key);
    if (instance && !instance.parentProcessInstanceKey) roots.push(instance);
  }
  if (roots.length === 0 && /^\d{1,19}$/.test(ref)) {
    const root = await rootOf(engine, ref);
    if (root) roots.push(root);
  }
  const allowed = visibleProcessIds(user);
  const visible: ProcessInstanceSummary[] = [];
  for (const r of roots) if (processIdAllowed(allowed, r.processDefinitionId) && (await scope.canSee(user, r))) visible.push(r);
  return visible.sort(byRelevance);
}

/** The instance at the top of the calls that led to this one. */
export async function rootOf(engine: EngineClient, key: string): Promise<ProcessInstanceSummary | undefined> {
  let instance = await engine.getProcessInstance(key);
  for (let depth = 0; instance?.parentProcessInstanceKey && depth < MAX_DEPTH; depth++) instance = await engine.getProcessInstance(instance.parentProcessInstanceKey);
  return instance;
}

/** An instance and everything it called, directly or not: the tree of sub-cases. */
export interface InstanceNode {
  instance: ProcessInstanceSummary;
  children: InstanceNode[];
}

export async function instanceTree(engine: EngineClient, instance: ProcessInstanceSummary, depth = 0): Promise<InstanceNode> {
  if (depth >= MAX_DEPTH) return { instance, children: [] };
  const called = (await allProcessInstances(engine, { parentProcessInstanceKey: instance.processInstanceKey })).filter((c) => c.parentProcessInstanceKey === instance.processInstanceKey);
  called.sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.processInstanceKey.localeCompare(b.processInstanceKey));
  return { instance, children: await Promise.all(called.map((c) => instanceTree(engine, c, depth + 1))) };
}

export function flatten(node: InstanceNode): ProcessInstanceSummary[] {
  return [node.instance, ...node.children.flatMap(flatten)];
}

/** Whether `key` is the instance of this tree or one of its sub-cases. */
export function findNode(node: InstanceNode, key: string): InstanceNode | undefined {
  if (node.instance.processInstanceKey === key) return node;
  for (const c of node.children) {
    const found = findNode(c, key);
    if (found) return found;
  }
  return undefined;
}
