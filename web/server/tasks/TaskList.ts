import { Temporal } from 'temporal-polyfill';
import { COMUNE_VARIABLE, comuniOf } from '../auth/InstanceScope.js';
import { hasRole, type UserAccess } from '../auth/roles.js';
import { deadlineStatus, ROME, type DeadlineStatus } from '../deadlines/deadlineStatus.js';
import type { EngineClient } from '../engine/EngineClient.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import { pageOf } from '../paging.js';
import { permissionsFor, type TaskAccess, type TaskPermissions } from './TaskAccess.js';
import type { TaskClient, UserTaskSummary } from './TaskClient.js';

export const TASK_VIEWS = ['all', 'mine', 'unassigned', 'groups'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
export const TASK_SORTS = ['due', 'priority', 'created'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export interface TaskListQuery {
  view: TaskView;
  /** a process id or its prefix (`procedimento-disciplinare` takes the called phases too) */
  process?: string;
  comune?: string;
  /** YYYY-MM-DD: due on or before that day (Rome) */
  dueBefore?: string;
  sort: TaskSort;
  order: 'asc' | 'desc';
  /** 1-based page of the sorted list */
  page: number;
  pageSize: number;
}

export const TASK_PAGE_SIZES = { default: 50, max: 500 } as const;

export interface TaskListItem extends UserTaskSummary {
  comune?: string;
  businessKey?: string;
  deadline?: { dueAt: string; lastDay?: string; daysLeft: number; status: DeadlineStatus; nature?: string; legalSource?: string; variable?: string };
  permissions: TaskPermissions;
}

export interface TaskListResult {
  /** one page of the sorted list */
  items: TaskListItem[];
  /** every task in the view after the filters, across all pages */
  total: number;
  page: number;
  pageSize: number;
  counts: Record<TaskView, number>;
  facets: { processes: Array<{ id: string; name: string }>; comuni: string[] };
}

interface CaseFacts {
  comune?: string;
  /** the Comune of a task done once per Comune (local `codiceIstat`), by the task's element instance key */
  taskComune: Map<string, string>;
  businessKey?: string;
  scadenze: Array<Record<string, unknown>>;
}

/** The task list: what the user may act on (or read, for auditors), filtered, counted and sorted. */
export class TaskList {
  constructor(
    private readonly tasks: TaskClient,
    private readonly engine: EngineClient,
    private readonly access: TaskAccess,
  ) {}

  /** Open tasks the user may see, each with its case facts. */
  async openTasks(user: UserAccess, now: Date = new Date()): Promise<TaskListItem[]> {
    let found: UserTaskSummary[];
    if (hasRole(user, 'provincia', 'comune')) {
      const [byGroup, byAssignee] = await Promise.all([
        this.tasks.searchTasks({ state: 'CREATED', candidateGroups: user.groups }),
        this.tasks.searchTasks({ state: 'CREATED', assignee: user.username }),
      ]);
      const byKey = new Map([...byGroup, ...byAssignee].map((t) => [t.userTaskKey, t]));
      found = [...byKey.values()];
    } else if (hasRole(user, 'auditor', 'admin')) {
      found = await this.tasks.searchTasks({ state: 'CREATED' });
    } else {
      return [];
    }
    const visible = await this.access.visible(user, found);
    const facts = await this.caseFacts([...new Set(visible.map((t) => t.processInstanceKey))]);
    return visible.map((t) => {
      const f = facts.get(t.processInstanceKey) ?? emptyFacts();
      return { ...t, comune: f.taskComune.get(t.elementInstanceKey) ?? f.comune, businessKey: f.businessKey, deadline: deadlineOf(t, f, now), permissions: permissionsFor(user, t) };
    });
  }

  async list(user: UserAccess, query: TaskListQuery, now: Date = new Date()): Promise<TaskListResult> {
    const all = await this.openTasks(user, now);
    const facets = {
      processes: uniqueBy(all.map((t) => ({ id: t.processDefinitionId, name: t.processName ?? t.processDefinitionId })), (p) => p.id),
      comuni: [...new Set(all.map((t) => t.comune).filter((c): c is string => !!c))].sort(),
    };
    const filtered = all.filter((t) => matches(t, query));
    const counts = Object.fromEntries(TASK_VIEWS.map((v) => [v, filtered.filter((t) => inView(user, t, v)).length])) as Record<TaskView, number>;
    const inThisView = filtered.filter((t) => inView(user, t, query.view)).sort(comparator(query));
    return { items: pageOf(inThisView, query), total: inThisView.length, page: query.page, pageSize: query.pageSize, counts, facets };
  }

  /**
   * The facts of many cases with a few variable searches (the variables they come from, for up to
   * KEYS_PER_QUERY instances at once), not one search per case.
   */
  private async caseFacts(processInstanceKeys: string[]): Promise<Map<string, CaseFacts>> {
    const out = new Map<string, CaseFacts>();
    const caseNumbers = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < processInstanceKeys.length; i += KEYS_PER_QUERY) {
      const vars = await this.engine.searchVariables({ processInstanceKeys: processInstanceKeys.slice(i, i + KEYS_PER_QUERY), names: FACT_VARIABLES });
      for (const v of vars) {
        let f = out.get(v.processInstanceKey);
        if (!f) out.set(v.processInstanceKey, (f = emptyFacts()));
        if (v.scopeKey !== v.processInstanceKey) {
          // A task done once per Comune (multi-instance over the Comuni of a concorso) carries its own Comune.
          const code = v.name === COMUNE_VARIABLE ? comuniOf(v)[0] : undefined;
          if (code) f.taskComune.set(v.scopeKey, code);
          continue;
        }
        if (v.name === COMUNE_VARIABLE) f.comune = comuniOf(v)[0];
        else if (v.name === 'scadenze') {
          const scadenze = parsed(v.value);
          f.scadenze = Array.isArray(scadenze) ? (scadenze.filter((e) => e && typeof e === 'object') as Array<Record<string, unknown>>) : [];
        } else caseNumbers.set(v.processInstanceKey, { ...caseNumbers.get(v.processInstanceKey), [v.name]: parsed(v.value) });
      }
    }
    // The case number is the first of BUSINESS_KEY_VARIABLES the case has.
    for (const [key, values] of caseNumbers) out.get(key)!.businessKey = BUSINESS_KEY_VARIABLES.map((n) => values[n]).find((v) => typeof v === 'string') as string | undefined;
    return out;
  }
}

/** Instance keys per variable search: small enough for a request body, large enough to keep queries few. */
const KEYS_PER_QUERY = 500;
const FACT_VARIABLES = [COMUNE_VARIABLE, 'scadenze', ...BUSINESS_KEY_VARIABLES];

const emptyFacts = (): CaseFacts => ({ taskComune: new Map(), scadenze: [] });

function parsed(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The task's due date, with the legal source of the `scadenze` entry that produced it when there is one. */
function deadlineOf(task: UserTaskSummary, facts: CaseFacts, now: Date): TaskListItem['deadline'] {
  if (!task.dueDate || !Number.isFinite(Date.parse(task.dueDate))) return undefined;
  const due = Date.parse(task.dueDate);
  const entry = facts.scadenze.find((s) => typeof s.scadeIl === 'string' && Date.parse(s.scadeIl) === due);
  const lastDay = typeof entry?.dataTermine === 'string' ? entry.dataTermine : undefined;
  return {
    dueAt: task.dueDate,
    lastDay,
    ...deadlineStatus(task.dueDate, lastDay, now),
    nature: typeof entry?.natura === 'string' ? entry.natura : undefined,
    legalSource: typeof entry?.fonte === 'string' ? entry.fonte : undefined,
    variable: typeof entry?.variabile === 'string' ? entry.variabile : undefined,
  };
}

export function inView(user: UserAccess, t: UserTaskSummary, view: TaskView): boolean {
  switch (view) {
    case 'mine':
      return t.assignee === user.username;
    case 'unassigned':
      return !t.assignee;
    case 'groups':
      return t.candidateGroups.some((g) => user.groups.includes(g));
    default:
      return true;
  }
}

function matches(t: TaskListItem, q: TaskListQuery): boolean {
  if (q.process && t.processDefinitionId !== q.process && !t.processDefinitionId.startsWith(`${q.process}-`)) return false;
  if (q.comune && t.comune !== q.comune) return false;
  if (q.dueBefore) {
    if (!t.dueDate) return false;
    const day = Temporal.Instant.fromEpochMilliseconds(Date.parse(t.dueDate)).toZonedDateTimeISO(ROME).toPlainDate();
    if (Temporal.PlainDate.compare(day, Temporal.PlainDate.from(q.dueBefore)) > 0) return false;
  }
  return true;
}

function comparator(q: TaskListQuery): (a: UserTaskSummary, b: UserTaskSummary) => number {
  const dir = q.order === 'desc' ? -1 : 1;
  const due = (t: UserTaskSummary) => (t.dueDate ? Date.parse(t.dueDate) : Number.POSITIVE_INFINITY);
  const created = (t: UserTaskSummary) => (t.creationDate ? Date.parse(t.creationDate) : 0);
  const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
  const byDue = (a: UserTaskSummary, b: UserTaskSummary) => {
    // Tasks without a due date stay at the end whatever the direction.
    if (!a.dueDate || !b.dueDate) return a.dueDate === b.dueDate ? 0 : a.dueDate ? -1 : 1;
    return sign(due(a) - due(b)) * dir;
  };
  return (a, b) => {
    if (q.sort === 'due') return byDue(a, b) || b.priority - a.priority || sign(created(a) - created(b));
    if (q.sort === 'priority') return sign(a.priority - b.priority) * dir || sign(due(a) - due(b)) || sign(created(a) - created(b));
    return sign(created(a) - created(b)) * dir || a.userTaskKey.localeCompare(b.userTaskKey);
  };
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const i of items) if (!seen.has(key(i))) seen.set(key(i), i);
  return [...seen.values()].sort((a, b) => key(a).localeCompare(key(b)));
}
