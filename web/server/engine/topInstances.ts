import type { ProcessInstanceSummary } from './EngineClient.js';

/**
 * Each instance's top-level instance among those given, walking the parents (a called process's case); an
 * instance whose chain leaves the set maps to the highest ancestor found, which still has a parent.
 */
export function topInstances(instances: ProcessInstanceSummary[]): Map<string, ProcessInstanceSummary> {
  const byKey = new Map(instances.map((i) => [i.processInstanceKey, i]));
  const out = new Map<string, ProcessInstanceSummary>();
  for (const i of instances) {
    let top = i;
    for (let depth = 0; top.parentProcessInstanceKey && depth < 100; depth++) {
      const parent = byKey.get(top.parentProcessInstanceKey);
      if (!parent) break;
      top = parent;
    }
    out.set(i.processInstanceKey, top);
  }
  return out;
}
