import { Router } from '@koa/router';
import type { AppDatabase } from '../../../src/db/index.js';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';
import { hasRole } from '../auth/roles.js';
import { deadlineRoutes } from '../deadlines/deadlineRoutes.js';
import { DeadlineRegister } from '../deadlines/DeadlineRegister.js';
import { DeadlineSiteCache } from '../deadlines/deadlineSites.js';
import { OpenWorkIndex, type OpenWorkIndexOptions } from '../openwork/OpenWorkIndex.js';
import { badRequest, forbidden, HttpProblem, notFound } from '../errors.js';
import { caseRoutes } from './caseRoutes.js';
import { PROCESS_FORMS_DIR } from './formRoutes.js';
import { parsePageQuery } from '../paging.js';
import { CamundaTaskClient } from '../tasks/CamundaTaskClient.js';
import { permissionsFor, TaskAccess } from '../tasks/TaskAccess.js';
import { TaskCase } from '../tasks/TaskCase.js';
import type { TaskClient, UserTaskSummary } from '../tasks/TaskClient.js';
import { TaskCommands } from '../tasks/TaskCommands.js';
import { TASK_PAGE_SIZES, TASK_SORTS, TASK_VIEWS, TaskList, type TaskListQuery, type TaskSort, type TaskView } from '../tasks/TaskList.js';

export interface TaskDeps {
  /** Camunda's user-task API; by default the SDK's REST client on ZEEBE_REST_ADDRESS */
  client?: TaskClient;
  /** where workers write documents (DATA_DIR), for downloads */
  dataDir?: string;
  /** the open-work index's rebuild period and logging */
  openWork?: OpenWorkIndexOptions;
}

/** The routers of the task list (issue #7): /api/tasks and /api/deadlines; and the Pratiche (/api/cases), which read the same tasks and documents. */
export function taskRouters(services: AppServices, db: AppDatabase, deps: TaskDeps = {}, formsDir: string = PROCESS_FORMS_DIR): Router<AppState>[] {
  const client = deps.client ?? new CamundaTaskClient();
  const sites = new DeadlineSiteCache((key) => services.engine.getProcessDefinitionXml(key));
  const access = new TaskAccess(services.engine, services.scope);
  // The task list and the scadenzario read the open-work index (issue #18); startWebServer starts its rebuilds.
  const openWork = new OpenWorkIndex(db.knex, services.engine, client, new DeadlineRegister(services.engine, sites), deps.openWork);
  services.openWork = openWork;
  // A Comune user's lists (instances, statistics, audit, cases) find the user's cases in the same index.
  services.scope.useIndex(openWork);
  const list = new TaskList(db.knex, openWork);
  const cases = new TaskCase(services.engine, db.knex, sites, deps.dataDir);
  const commands = new TaskCommands(client, services.audit, db, services.users);
  return [
    taskRoutes(services, db, { client, access, list, cases, commands, openWork }),
    deadlineRoutes(services, db.knex, openWork),
    caseRoutes(services, db, { tasks: client, documents: cases, sites, formsDir, openWork }),
  ];
}

interface TaskParts {
  openWork: OpenWorkIndex;
  client: TaskClient;
  access: TaskAccess;
  list: TaskList;
  cases: TaskCase;
  commands: TaskCommands;
}

function taskRoutes(services: AppServices, db: AppDatabase, parts: TaskParts): Router<AppState> {
  const { audit, live } = services;
  const { client, access, list, cases, commands, openWork } = parts;
  const router = new Router<AppState>({ prefix: '/api/tasks' });

  const staffOrReader = (ctx: AppContext) => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'provincia', 'comune', 'auditor', 'admin')) throw forbidden();
    return user;
  };

  /** The task, or 404 for an unknown key and for one the user may not see alike. */
  const taskFor = async (ctx: AppContext): Promise<UserTaskSummary> => {
    const user = staffOrReader(ctx);
    const key = ctx.params.key;
    if (!/^\d{1,19}$/.test(key)) throw notFound('Attività non trovata.');
    const task = await client.getTask(key);
    if (!task || !(await access.canSee(user, task))) throw notFound('Attività non trovata.');
    return task;
  };

  const caseOf = async (task: UserTaskSummary) => {
    const variables = await client.getTaskVariables(task.userTaskKey);
    return { variables, context: await cases.contextOf(task, variables) };
  };

  router.get('/', async (ctx) => {
    ctx.body = await list.list(staffOrReader(ctx), parseQuery(ctx.query as Record<string, string | undefined>));
  });

  /** The list as a live stream: a new task for the user's groups appears, a completed one disappears. */
  router.get('/live', async (ctx) => {
    const user = staffOrReader(ctx);
    const query = parseQuery(ctx.query as Record<string, string | undefined>);
    live.stream(ctx, async () => {
      const result = await list.list(user, query);
      return { items: result.items, counts: result.counts, total: result.total, facets: result.facets };
    });
  });

  router.get('/:key', async (ctx) => {
    const user = staffOrReader(ctx);
    const task = await taskFor(ctx);
    const [{ variables, context }, form] = await Promise.all([caseOf(task), client.getTaskForm(task.userTaskKey)]);
    // Prefill only what the form shows: the page gets no more of the case data than the step needs.
    const keys = form ? formKeys(form.schema) : new Set<string>();
    const data = Object.fromEntries(Object.entries(variables).filter(([k]) => keys.has(k)));
    await audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'case.read',
      entity: { type: 'user-task', key: task.userTaskKey, processInstanceKey: task.processInstanceKey, ...(context.comune ? { comune: context.comune.codiceIstat } : {}) },
      data: { taskName: task.name, view: 'task' },
    });
    ctx.body = { task, permissions: permissionsFor(user, task), form: form ?? null, data, context };
  });

  router.get('/:key/diagram', async (ctx) => {
    const task = await taskFor(ctx);
    const xml = await services.engine.getProcessDefinitionXml(task.processDefinitionKey);
    if (!xml) throw notFound();
    ctx.type = 'application/xml';
    ctx.body = xml;
  });

  router.get('/:key/documents/:sha256', async (ctx) => {
    const user = staffOrReader(ctx);
    const task = await taskFor(ctx);
    const { context } = await caseOf(task);
    const doc = await cases.readDocument(context.instanceChain, context.businessKey, ctx.params.sha256);
    if (doc === 'altered') throw new HttpProblem(409, 'DOCUMENT_ALTERED', 'Il documento sul disco non corrisponde all’impronta SHA-256 registrata: non viene fornito.');
    if (!doc) throw notFound('Documento non trovato.');
    await audit.append({
      actor: { type: 'user', id: user.username },
      action: 'case.read',
      entity: { type: 'document', key: ctx.params.sha256, processInstanceKey: task.processInstanceKey, ...(context.comune ? { comune: context.comune.codiceIstat } : {}) },
      data: { name: doc.name, view: 'document' },
    });
    ctx.type = doc.name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
    ctx.attachment(doc.name);
    ctx.body = doc.bytes;
  });

  /** The task's own state, live: the page knows at once when another tab or colleague completed it. */
  router.get('/:key/live', async (ctx) => {
    const user = staffOrReader(ctx);
    const task = await taskFor(ctx);
    live.stream(ctx, async () => {
      const now = (await client.getTask(task.userTaskKey)) ?? { ...task, state: 'CANCELED' as const };
      return { task: { state: now.state, assignee: now.assignee ?? null, completionDate: now.completionDate ?? null }, permissions: permissionsFor(user, now) };
    });
  });

  router.get('/:key/colleagues', async (ctx) => {
    const user = staffOrReader(ctx);
    const task = await taskFor(ctx);
    if (!permissionsFor(user, task).assign) throw forbidden('Il tuo ruolo non consente di assegnare attività ad altri.');
    const usernames = ((await db.knex('users').select('username').orderBy('username')) as Array<{ username: string }>).map((r) => r.username);
    ctx.body = { items: await commands.eligibleAssignees(task, usernames) };
  });

  const comuneOf = async (task: UserTaskSummary) => {
    const v = await services.engine.searchVariables({ processInstanceKey: task.processInstanceKey, name: 'codiceIstat' });
    const root = v.find((x) => x.scopeKey === x.processInstanceKey);
    try {
      return root ? String(JSON.parse(root.value)) : undefined;
    } catch {
      return undefined;
    }
  };

  router.post('/:key/claim', async (ctx) => {
    const task = await taskFor(ctx);
    await commands.claim(currentUser(ctx), task, await comuneOf(task));
    await openWork.refresh([task.processInstanceKey]);
    ctx.body = { task: await client.getTask(task.userTaskKey) };
  });

  router.post('/:key/unclaim', async (ctx) => {
    const task = await taskFor(ctx);
    await commands.unclaim(currentUser(ctx), task, await comuneOf(task));
    await openWork.refresh([task.processInstanceKey]);
    ctx.body = { task: await client.getTask(task.userTaskKey) };
  });

  router.post('/:key/assign', async (ctx) => {
    const task = await taskFor(ctx);
    const body = (ctx.request.body ?? {}) as { assignee?: unknown };
    await commands.assign(currentUser(ctx), task, body.assignee, await comuneOf(task));
    await openWork.refresh([task.processInstanceKey]);
    ctx.body = { task: await client.getTask(task.userTaskKey) };
  });

  router.post('/:key/complete', async (ctx) => {
    const task = await taskFor(ctx);
    const body = (ctx.request.body ?? {}) as { variables?: unknown };
    await commands.complete(currentUser(ctx), task, body.variables, await comuneOf(task));
    ctx.body = { completed: true, userTaskKey: task.userTaskKey };
  });

  return router;
}

function parseQuery(q: Record<string, string | undefined>): TaskListQuery {
  const view = (q.view || 'all') as TaskView;
  if (!TASK_VIEWS.includes(view)) throw badRequest('INVALID_FILTER', `Vista non valida: ${q.view}`);
  const sort = (q.sort || 'due') as TaskSort;
  if (!TASK_SORTS.includes(sort)) throw badRequest('INVALID_FILTER', `Ordinamento non valido: ${q.sort}`);
  const order = q.order === 'desc' || q.order === 'asc' ? q.order : sort === 'priority' ? 'desc' : 'asc';
  if (q.comune && !/^\d{6}$/.test(q.comune)) throw badRequest('INVALID_FILTER', 'Il codice ISTAT ha 6 cifre.');
  if (q.dueBefore && (!/^\d{4}-\d{2}-\d{2}$/.test(q.dueBefore) || Number.isNaN(Date.parse(q.dueBefore)))) throw badRequest('INVALID_FILTER', `Data non valida: ${q.dueBefore}`);
  if (q.process && !/^[A-Za-z0-9_.-]{1,200}$/.test(q.process)) throw badRequest('INVALID_FILTER', 'Procedimento non valido.');
  const { page, pageSize } = parsePageQuery(q, TASK_PAGE_SIZES);
  return { view, sort, order, process: q.process || undefined, comune: q.comune || undefined, dueBefore: q.dueBefore || undefined, page, pageSize };
}

/** Top-level variable names a form reads or writes (fields' keys, groups' and lists' paths). */
function formKeys(schema: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  const visit = (components: unknown) => {
    if (!Array.isArray(components)) return;
    for (const c of components as Array<Record<string, unknown>>) {
      for (const k of [c.key, c.path, c.valuesKey]) if (typeof k === 'string' && k) keys.add(k.split('.')[0]);
      visit(c.components);
    }
  };
  visit(schema.components);
  return keys;
}
