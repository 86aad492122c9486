import type { EngineClient, InstanceSearchFilter, ProcessInstanceSummary } from './EngineClient.js';
import { PAGE_SIZE } from './readAllPages.js';

/** Every instance matching the filter, page after page (the instance search pages; nothing is silently cut). */
export async function allProcessInstances(engine: EngineClient, filter: InstanceSearchFilter): Promise<ProcessInstanceSummary[]> {
  const out: ProcessInstanceSummary[] = [];
  for (;;) {
    const page = await engine.searchProcessInstances(filter, { from: out.length, limit: PAGE_SIZE });
    out.push(...page.items);
    if (page.items.length < PAGE_SIZE || out.length >= page.total) return out;
  }
}
