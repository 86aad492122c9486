import type { Knex } from 'knex';
import type { UserAccess } from '../auth/roles.js';
import type { OpenWorkIndex } from '../openwork/OpenWorkIndex.js';
import { taskListPage } from '../openwork/taskQueries.js';
import type { TaskPermissions } from './TaskAccess.js';
import type { TaskWithFacts } from './taskFacts.js';

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

export interface TaskListItem extends TaskWithFacts {
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

/**
 * The task list: what the user may act on (or read, for auditors), filtered, counted, sorted and paged in
 * SQL over the open-work index, brought up to date with the engine before each answer.
 */
export class TaskList {
  constructor(
    private readonly knex: Knex,
    private readonly index: OpenWorkIndex,
  ) {}

  async list(user: UserAccess, query: TaskListQuery, now: Date = new Date()): Promise<TaskListResult> {
    await this.index.fresh();
    return taskListPage(this.knex, user, query, now);
  }
}
