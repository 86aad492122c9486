import type { AuditTrail, JsonValue } from '../../../src/audit/index.js';
import { searchAuditTrail, type AuditDatabase } from '../../../src/audit/index.js';
import { CaseScopeGuard } from '../auth/CaseScopeGuard.js';
import { accessOf, type UserAccess } from '../auth/roles.js';
import type { UserStore } from '../../../src/db/index.js';
import { EngineRejectionError } from '../engine/EngineClient.js';
import { badRequest, forbidden, HttpProblem } from '../errors.js';
import { validateFormSubmission } from './form/validateFormSubmission.js';
import { isCandidate, permissionsFor } from './TaskAccess.js';
import type { TaskClient, UserTaskSummary } from './TaskClient.js';

const MAX_VARIABLES_BYTES = 256 * 1024;

/**
 * Claim, unclaim, assign and complete, with the checks Tasklist makes and the audit entries an
 * auditor reads. The engine has the last word on state (a task completed in the meantime answers
 * 409), and one completion at a time per task inside this server keeps the trail free of doubles.
 */
export class TaskCommands {
  private readonly completing = new Set<string>();
  private readonly scopeGuard: CaseScopeGuard;

  constructor(
    private readonly tasks: TaskClient,
    private readonly audit: AuditTrail,
    private readonly db: AuditDatabase,
    private readonly users: UserStore,
  ) {
    this.scopeGuard = new CaseScopeGuard(audit);
  }

  async claim(user: UserAccess, task: UserTaskSummary, comune?: string): Promise<void> {
    this.requireAct(user, task);
    this.requireOpen(task);
    if (task.assignee === user.username) return;
    if (task.assignee) throw assignedToOther(task.assignee);
    await this.engineCall(() => this.tasks.assign(task.userTaskKey, user.username, false));
    await this.record(user, 'task.claim', task, comune, { assignee: user.username });
  }

  async unclaim(user: UserAccess, task: UserTaskSummary, comune?: string): Promise<void> {
    this.requireOpen(task);
    const perms = permissionsFor(user, task);
    if (!task.assignee) return;
    if (!(perms.act && task.assignee === user.username) && !perms.assign) throw forbidden('Solo chi ha in carico l’attività o un coordinatore può rilasciarla.');
    await this.engineCall(() => this.tasks.unassign(task.userTaskKey));
    await this.record(user, 'task.assign', task, comune, { assignee: null, previousAssignee: task.assignee });
  }

  async assign(user: UserAccess, task: UserTaskSummary, assignee: unknown, comune?: string): Promise<void> {
    if (!permissionsFor(user, task).assign) throw forbidden('Il tuo ruolo non consente di assegnare attività ad altri.');
    this.requireOpen(task);
    if (typeof assignee !== 'string' || !assignee.trim()) throw badRequest('ASSIGNEE_REQUIRED', 'Indica il collega a cui assegnare l’attività.', { field: 'assignee' });
    const target = await this.users.findByUsername(assignee.trim());
    // The colleague must be able to act on the task: staff of one of its groups, active.
    if (!target?.active || !permissionsFor(accessOf(target), { ...task, assignee: undefined }).act) {
      throw badRequest('ASSIGNEE_NOT_ELIGIBLE', `«${assignee}» non può ricevere questa attività: non appartiene ai gruppi ${task.candidateGroups.join(', ') || 'previsti'}.`, { field: 'assignee' });
    }
    await this.engineCall(() => this.tasks.assign(task.userTaskKey, target.username, true));
    await this.record(user, 'task.assign', task, comune, { assignee: target.username, previousAssignee: task.assignee ?? null });
  }

  /** Colleagues who could take the task over (for the assign menu). */
  async eligibleAssignees(task: UserTaskSummary, candidates: string[]): Promise<Array<{ username: string; displayName: string }>> {
    const out: Array<{ username: string; displayName: string }> = [];
    for (const username of candidates) {
      const u = await this.users.findByUsername(username);
      if (u?.active && isCandidate(accessOf(u), { ...task, assignee: undefined }) && permissionsFor(accessOf(u), { ...task, assignee: undefined }).act) {
        out.push({ username: u.username, displayName: u.displayName });
      }
    }
    return out;
  }

  async complete(user: UserAccess, task: UserTaskSummary, variables: unknown, comune?: string): Promise<void> {
    this.requireAct(user, task);
    if (task.state === 'COMPLETED' || task.state === 'CANCELED') throw await this.alreadyDone(task);
    if (task.assignee && task.assignee !== user.username) throw assignedToOther(task.assignee);
    if (variables === undefined || variables === null) variables = {};
    if (typeof variables !== 'object' || Array.isArray(variables)) throw badRequest('INVALID_VARIABLES', 'I dati del modulo devono essere un oggetto JSON.');
    if (Buffer.byteLength(JSON.stringify(variables)) > MAX_VARIABLES_BYTES) throw new HttpProblem(413, 'VARIABLES_TOO_LARGE', 'I dati del modulo sono troppo grandi.');
    const data = variables as Record<string, unknown>;
    const form = await this.tasks.getTaskForm(task.userTaskKey);
    const errors = form ? validateFormSubmission(form.schema, data) : [];
    if (errors.length > 0) {
      const fields = errors.map((e) => e.field);
      throw badRequest('FORM_INVALID', `Modulo non valido: ${errors.map((e) => e.message).join(' ')}`, { fields, errors });
    }
    // A form may show the case's Comune (prefilled), never move the case to another one.
    await this.scopeGuard.check(user, 'task.complete', this.entityOf(task, comune), data, await this.tasks.getTaskVariables(task.userTaskKey));
    if (this.completing.has(task.userTaskKey)) throw await this.alreadyDone(task);
    this.completing.add(task.userTaskKey);
    try {
      // Tasklist completes only assigned tasks: an unassigned one is claimed on the way.
      if (!task.assignee) {
        await this.engineCall(() => this.tasks.assign(task.userTaskKey, user.username, false));
        await this.record(user, 'task.claim', task, comune, { assignee: user.username });
      }
      try {
        await this.tasks.complete(task.userTaskKey, data);
      } catch (error) {
        // Camunda answers 409 (wrong state) or 404 (the task is gone) when someone completed it first.
        if (error instanceof EngineRejectionError && (error.status === 409 || error.status === 404)) throw await this.alreadyDone(task);
        throw error;
      }
      await this.record(user, 'task.complete', task, comune, { formId: form?.formId ?? null, variables: data as { [k: string]: JsonValue } });
    } finally {
      this.completing.delete(task.userTaskKey);
    }
  }

  private requireAct(user: UserAccess, task: UserTaskSummary): void {
    if (!permissionsFor(user, task).act) throw forbidden('Questa attività non è assegnata a te né ai tuoi gruppi.');
  }

  private requireOpen(task: UserTaskSummary): void {
    if (task.state !== 'CREATED') throw new HttpProblem(409, 'TASK_NOT_OPEN', 'L’attività non è più aperta: è già stata completata o annullata.');
  }

  /** 409 naming who completed it and when, from the audit trail. */
  private async alreadyDone(task: UserTaskSummary): Promise<HttpProblem> {
    const done = await searchAuditTrail(this.db, { action: 'task.complete', entityType: 'user-task', entityKey: task.userTaskKey }, { limit: 1 });
    const by = done.items[0];
    const when = by ? new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(new Date(by.timestamp)) : undefined;
    const detail = by
      ? `Attività già completata da ${by.actor.id} il ${when}: la tua compilazione non è stata registrata.`
      : 'Attività già completata o annullata: la tua compilazione non è stata registrata.';
    return new HttpProblem(409, 'TASK_ALREADY_COMPLETED', detail, by ? { completedBy: by.actor.id, completedAt: by.timestamp } : {});
  }

  private async engineCall(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (error instanceof EngineRejectionError && error.status === 409) throw new HttpProblem(409, 'TASK_CONFLICT', `Operazione rifiutata dal motore: ${error.detail}`);
      throw error;
    }
  }

  private entityOf(task: UserTaskSummary, comune: string | undefined) {
    return { type: 'user-task', key: task.userTaskKey, processInstanceKey: task.processInstanceKey, ...(comune && /^\d{6}$/.test(comune) ? { comune } : {}) };
  }

  private async record(user: UserAccess, action: 'task.claim' | 'task.assign' | 'task.complete', task: UserTaskSummary, comune: string | undefined, data: { [k: string]: JsonValue }): Promise<void> {
    await this.audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action,
      entity: this.entityOf(task, comune),
      data: { taskName: task.name, elementId: task.elementId, processDefinitionId: task.processDefinitionId, ...data },
    });
  }
}

const assignedToOther = (assignee: string) =>
  new HttpProblem(409, 'TASK_ASSIGNED_TO_OTHER', `L’attività è in carico a ${assignee}: chiedi a un coordinatore di riassegnarla.`, { assignee });
