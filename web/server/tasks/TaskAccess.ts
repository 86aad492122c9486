import type { InstanceScope } from '../auth/InstanceScope.js';
import { hasRole, processIdAllowed, visibleProcessIds, type UserAccess } from '../auth/roles.js';
import type { EngineClient } from '../engine/EngineClient.js';
import type { UserTaskSummary } from './TaskClient.js';

/** What the signed-in user may do with one task; sent to the page so it shows only allowed buttons. */
export interface TaskPermissions {
  /** claim, unclaim (own), complete */
  act: boolean;
  /** assign to a colleague, or take the task off someone else */
  assign: boolean;
}

/**
 * Who may act on a user task, as Tasklist decides it from the BPMN: a member of one of its candidate
 * groups (`provincia-upd`, `comune-108033`, `commissione-...`), a candidate user, or its assignee.
 * Staff only (provincia, comune); auditors and administrators read in their scope but never act,
 * except that an administrator may hand a task to someone. A Comune-scoped user must also see the
 * case itself (its `codiceIstat`), whatever the task says.
 */
export function isCandidate(user: UserAccess, task: UserTaskSummary): boolean {
  return (
    task.assignee === user.username ||
    task.candidateUsers.includes(user.username) ||
    task.candidateGroups.some((g) => user.groups.includes(g))
  );
}

export function permissionsFor(user: UserAccess, task: UserTaskSummary): TaskPermissions {
  const staff = hasRole(user, 'provincia', 'comune');
  const act = staff && isCandidate(user, task);
  // Handing work to a colleague is the coordinator's call: Provincia staff of the task's groups, or an administrator.
  const assign = (hasRole(user, 'provincia') && act) || hasRole(user, 'admin');
  return { act, assign };
}

/** Readers who are not candidates: auditors (in their Comuni) and administrators. */
const isReader = (user: UserAccess) => hasRole(user, 'auditor', 'admin');

export class TaskAccess {
  constructor(
    private readonly engine: EngineClient,
    private readonly scope: InstanceScope,
  ) {}

  /** Whether the task exists for this user at all (otherwise: 404, as for an unknown key). */
  async canSee(user: UserAccess, task: UserTaskSummary): Promise<boolean> {
    if (!permissionsFor(user, task).act && !isReader(user)) return false;
    if (!processIdAllowed(visibleProcessIds(user), task.processDefinitionId) && !isCandidate(user, task)) return false;
    const instance = await this.engine.getProcessInstance(task.processInstanceKey);
    return !!instance && (await this.scope.canSee(user, { ...instance, processDefinitionId: task.processDefinitionId }));
  }
}
