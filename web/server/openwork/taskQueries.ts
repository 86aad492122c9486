import type { Knex } from 'knex';
import { comuneScopeOf } from '../auth/InstanceScope.js';
import { hasRole, type UserAccess } from '../auth/roles.js';
import { deadlineStatus } from '../deadlines/deadlineStatus.js';
import { permissionsFor } from '../tasks/TaskAccess.js';
import type { TaskWithFacts } from '../tasks/taskFacts.js';
import { TASK_VIEWS, type TaskListItem, type TaskListQuery, type TaskListResult, type TaskView } from '../tasks/TaskList.js';
import { holdsAny, holdsAnySql, processFilter } from './visibility.js';

/**
 * The open tasks this user may see, as Tasklist decides it: staff see what their groups may claim and what
 * is assigned to them, auditors and administrators every task; a Comune-scoped user only within the cases
 * of their Comuni (root-scope codiceIstat or comuniAderenti of the task's instance).
 */
function visibleTo(knex: Knex, user: UserAccess): Knex.QueryBuilder {
  const q = knex('open_tasks as t');
  if (hasRole(user, 'provincia', 'comune')) {
    q.where((w) => {
      holdsAny(w, 't.candidate_groups', user.groups);
      w.orWhere('t.assignee', user.username);
    });
  } else if (!hasRole(user, 'auditor', 'admin')) {
    q.whereRaw('1 = 0');
  }
  const comuni = comuneScopeOf(user);
  if (comuni !== 'all') holdsAny(q, 't.scope_comuni', comuni);
  return q;
}

function filtered(q: Knex.QueryBuilder, query: TaskListQuery): Knex.QueryBuilder {
  processFilter(q, 't.process_definition_id', query.process);
  if (query.comune) q.where('t.comune', query.comune);
  if (query.dueBefore) q.whereNotNull('t.due_day').where('t.due_day', '<=', query.dueBefore);
  return q;
}

function inViewSql(q: Knex.QueryBuilder, user: UserAccess, view: TaskView): Knex.QueryBuilder {
  if (view === 'mine') q.where('t.assignee', user.username);
  else if (view === 'unassigned') q.whereNull('t.assignee');
  else if (view === 'groups') holdsAny(q, 't.candidate_groups', user.groups);
  return q;
}

function ordered(q: Knex.QueryBuilder, query: TaskListQuery): Knex.QueryBuilder {
  const dir = query.order === 'desc' ? 'desc' : 'asc';
  if (query.sort === 'due') {
    // Tasks without a due date stay at the end whatever the direction.
    q.orderByRaw('(t.due_ms is null) asc').orderBy('t.due_ms', dir).orderBy('t.priority', 'desc').orderBy('t.created_ms', 'asc');
  } else if (query.sort === 'priority') {
    q.orderBy('t.priority', dir).orderByRaw('(t.due_ms is null) asc').orderBy('t.due_ms', 'asc').orderBy('t.created_ms', 'asc');
  } else {
    q.orderBy('t.created_ms', dir);
  }
  return q.orderBy('t.user_task_key', 'asc');
}

/** One page of the task list, its total, the counts of each view after the filters and the filters' choices before them. */
export async function taskListPage(knex: Knex, user: UserAccess, query: TaskListQuery, now: Date): Promise<TaskListResult> {
  const [processes, comuni, counts, rows] = await Promise.all([
    visibleTo(knex, user).distinct('t.process_definition_id as id', 't.process_name as name').orderBy('t.process_definition_id') as Promise<Array<{ id: string; name: string }>>,
    visibleTo(knex, user).distinct('t.comune as comune').whereNotNull('t.comune').orderBy('t.comune') as Promise<Array<{ comune: string }>>,
    viewCounts(knex, user, query),
    ordered(inViewSql(filtered(visibleTo(knex, user), query), user, query.view), query)
      .select('t.item')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize) as Promise<Array<{ item: string }>>,
  ]);
  const items = rows.map((r) => itemFor(user, JSON.parse(r.item) as TaskWithFacts, now));
  return {
    items,
    total: counts[query.view],
    page: query.page,
    pageSize: query.pageSize,
    counts,
    facets: { processes: uniqueById(processes), comuni: comuni.map((c) => c.comune) },
  };
}

/** The four views' counts in one pass over the filtered list. */
async function viewCounts(knex: Knex, user: UserAccess, query: TaskListQuery): Promise<Record<TaskView, number>> {
  const groups = holdsAnySql(knex, 't.candidate_groups', user.groups);
  const [row] = (await filtered(visibleTo(knex, user), query).select(
    knex.raw('count(*) as "all"'),
    knex.raw('sum(case when t.assignee = ? then 1 else 0 end) as mine', [user.username]),
    knex.raw('sum(case when t.assignee is null then 1 else 0 end) as unassigned'),
    knex.raw(`sum(case when ${groups.sql} then 1 else 0 end) as "groups"`, groups.bindings),
  )) as Array<Record<TaskView, number | string | null>>;
  return Object.fromEntries(TASK_VIEWS.map((v) => [v, Number(row?.[v] ?? 0)])) as Record<TaskView, number>;
}

/** What depends on the user (the buttons) and on the clock (days left, status) is added when the page is answered. */
function itemFor(user: UserAccess, task: TaskWithFacts, now: Date): TaskListItem {
  const deadline = task.deadline ? { ...task.deadline, ...deadlineStatus(task.deadline.dueAt, task.deadline.lastDay, now) } : undefined;
  return { ...task, deadline, permissions: permissionsFor(user, task) };
}

function uniqueById(items: Array<{ id: string; name: string }>): Array<{ id: string; name: string }> {
  const seen = new Map<string, { id: string; name: string }>();
  for (const i of items) if (!seen.has(i.id)) seen.set(i.id, i);
  return [...seen.values()];
}
