/** Shapes of /api/tasks and /api/deadlines (see web/server/tasks). */
import type { CaseDeadline, DeadlineStatus } from '../../../shared/deadlineTypes.js';

export type { CaseDeadline, DeadlineStatus, RegisterEntry } from '../../../shared/deadlineTypes.js';

export interface TaskPermissions {
  act: boolean;
  assign: boolean;
}

export interface TaskItem {
  userTaskKey: string;
  name: string;
  state: string;
  elementId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processName?: string;
  assignee?: string;
  candidateGroups: string[];
  dueDate?: string;
  creationDate?: string;
  priority: number;
  comune?: string;
  businessKey?: string;
  deadline?: { dueAt: string; daysLeft: number; status: DeadlineStatus; nature?: string; legalSource?: string };
  permissions: TaskPermissions;
}

export type TaskView = 'all' | 'mine' | 'unassigned' | 'groups';

export interface TaskListState {
  /** one page of the sorted list */
  items: TaskItem[];
  /** every task in the view, across pages */
  total: number;
  page: number;
  pageSize: number;
  counts: Record<TaskView, number>;
  facets: { processes: Array<{ id: string; name: string }>; comuni: string[] };
}

export interface CaseDocument {
  sha256: string;
  name: string;
  kind: string;
  createdAt: string;
}

export interface TaskPage {
  task: TaskItem;
  permissions: TaskPermissions;
  form: { formId: string; schema: Record<string, unknown> } | null;
  data: Record<string, unknown>;
  context: {
    procedure: { processDefinitionId: string; processDefinitionKey: string; name: string };
    caseInstanceKey: string;
    businessKey?: string;
    comune?: { codiceIstat: string; nome?: string };
    deadlines: CaseDeadline[];
    documents: CaseDocument[];
  };
}
