import type { AuditTrail } from '../../../src/audit/index.js';
import { COMUNE_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import type { UserAccess } from '../auth/roles.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';

/** Process ids whose case data is personal and litigated: every read of them is recorded. */
const RECORDED_PROCESSES = ['procedimento-disciplinare'];

/**
 * A case page reads several resources (status, the messages it may send, the live stream); without a
 * page-view id (another API client) the reads of one user on one case count once per window.
 */
const DEFAULT_WINDOW_MS = 30_000;
/** page views remembered, so that the live stream reconnecting on an open page is not a new read */
const MAX_PAGE_VIEWS = 10_000;

/** The id the case page sends with each of its calls (`?pageView=`): letters, digits and dashes. */
export const PAGE_VIEW_ID = /^[A-Za-z0-9-]{8,64}$/;

export function isDisciplinaryCase(processDefinitionId: string): boolean {
  return RECORDED_PROCESSES.some((p) => processDefinitionId === p || processDefinitionId.startsWith(`${p}-`));
}

/**
 * Appends 'case.read' (who opened which disciplinary case, through which view) before the case
 * data leaves the server: once per page view when the page names it, else once per window.
 * Reads of other procedures are not recorded.
 */
export class CaseReadRecorder {
  private readonly lastRead = new Map<string, number>();
  private readonly pageViews = new Set<string>();

  constructor(
    private readonly audit: AuditTrail,
    private readonly engine: EngineClient,
    private readonly windowMs = DEFAULT_WINDOW_MS,
  ) {}

  async record(user: UserAccess, instance: ProcessInstanceSummary, view: string, pageView?: string): Promise<void> {
    if (!isDisciplinaryCase(instance.processDefinitionId)) return;
    if (pageView !== undefined && !PAGE_VIEW_ID.test(pageView)) throw new InvalidPageViewError(pageView);
    const id = `${user.username}|${instance.processInstanceKey}`;
    if (pageView !== undefined) {
      const page = `${id}|${pageView}`;
      if (this.pageViews.has(page)) return;
      // Oldest first out: a Set keeps insertion order.
      if (this.pageViews.size >= MAX_PAGE_VIEWS) this.pageViews.delete(this.pageViews.values().next().value as string);
      this.pageViews.add(page);
    } else {
      const now = Date.now();
      const last = this.lastRead.get(id);
      if (last !== undefined && now - last < this.windowMs) return;
      this.lastRead.set(id, now);
      if (this.lastRead.size > 10_000) this.prune(now);
    }
    const vars = await this.engine.searchVariables({ processInstanceKey: instance.processInstanceKey, name: COMUNE_VARIABLE });
    const root = vars.find((v) => v.scopeKey === instance.processInstanceKey);
    const comune = root ? comuniOf(root).find((c) => /^\d{6}$/.test(c)) : undefined;
    await this.audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'case.read',
      entity: { type: 'process-instance', key: instance.processInstanceKey, ...(comune ? { comune } : {}) },
      data: { view, processDefinitionId: instance.processDefinitionId, ...(pageView ? { pageView } : {}) },
    });
  }

  private prune(now: number): void {
    for (const [id, at] of this.lastRead) if (now - at >= this.windowMs) this.lastRead.delete(id);
  }
}

export class InvalidPageViewError extends Error {
  constructor(readonly pageView: string) {
    super(`pageView must be 8 to 64 letters, digits or dashes, got ${JSON.stringify(pageView.slice(0, 80))}`);
  }
}
