import type { AuditTrail } from '../../../src/audit/index.js';
import { COMUNE_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import type { UserAccess } from '../auth/roles.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';

/** Process ids whose case data is personal and litigated: every read of them is recorded. */
const RECORDED_PROCESSES = ['procedimento-disciplinare'];

/** One page opening reads status, variables and the live stream: count it once per window. */
const DEFAULT_WINDOW_MS = 30_000;

export function isDisciplinaryCase(processDefinitionId: string): boolean {
  return RECORDED_PROCESSES.some((p) => processDefinitionId === p || processDefinitionId.startsWith(`${p}-`));
}

/**
 * Appends 'case.read' (who opened which disciplinary case, through which view) before the case
 * data leaves the server. Reads of other procedures are not recorded.
 */
export class CaseReadRecorder {
  private readonly lastRead = new Map<string, number>();

  constructor(
    private readonly audit: AuditTrail,
    private readonly engine: EngineClient,
    private readonly windowMs = DEFAULT_WINDOW_MS,
  ) {}

  async record(user: UserAccess, instance: ProcessInstanceSummary, view: string): Promise<void> {
    if (!isDisciplinaryCase(instance.processDefinitionId)) return;
    const id = `${user.username}|${instance.processInstanceKey}|${view}`;
    const now = Date.now();
    const last = this.lastRead.get(id);
    if (last !== undefined && now - last < this.windowMs) return;
    this.lastRead.set(id, now);
    if (this.lastRead.size > 10_000) this.prune(now);
    const vars = await this.engine.searchVariables({ processInstanceKey: instance.processInstanceKey, name: COMUNE_VARIABLE });
    const root = vars.find((v) => v.scopeKey === instance.processInstanceKey);
    const comune = root ? comuniOf(root).find((c) => /^\d{6}$/.test(c)) : undefined;
    await this.audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'case.read',
      entity: { type: 'process-instance', key: instance.processInstanceKey, ...(comune ? { comune } : {}) },
      data: { view, processDefinitionId: instance.processDefinitionId },
    });
  }

  private prune(now: number): void {
    for (const [id, at] of this.lastRead) if (now - at >= this.windowMs) this.lastRead.delete(id);
  }
}
