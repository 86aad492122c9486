import type { Knex } from 'knex';
import type { DeadlineRegister } from '../deadlines/DeadlineRegister.js';
import { allProcessInstances } from '../engine/allProcessInstances.js';
import { topInstances } from '../engine/topInstances.js';
import type { ElementChange, EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import type { TaskClient } from '../tasks/TaskClient.js';
import { readTaskFacts } from '../tasks/taskFacts.js';
import { caseIndexRows } from '../cases/caseIndexRows.js';
import { listComuni } from '../routes/comuneRoutes.js';
import { instanceKeysIn, readCaseScopes, writeCaseScopes } from './caseScopes.js';
import { openDeadlineRow, openTaskRow } from './openWorkRows.js';

export interface OpenWorkIndexOptions {
  /** how often the whole index is rebuilt from the engine (catches what no element start or end shows); default 10 minutes */
  reconcileMs?: number;
  /** cases per engine read and per transaction; default 200 */
  casesPerBatch?: number;
  log?: (message: string) => void;
  onError?: (error: unknown) => void;
}

const STATE = 'open-work';
/** Items per page of the change searches. */
const CHANGES_PAGE = 1000;
/** Rows per INSERT (SQLite binds at most 32,766 values; a task row has 15). */
const ROWS_PER_INSERT = 200;
const KEYS_PER_QUERY = 500;

/**
 * The open-work index: the open user tasks and open deadlines of every running case, the Comuni each instance
 * is found under and a Pratiche row per case, in the app database (migrations 0022–0024), so the task list, the
 * scadenzario, the Pratiche search and a Comune user's lists are answered in SQL at any size.
 *
 * Fed from the engine's REST API v2 only, so it runs unchanged on Camunda 8: every answer first catches up
 * with the element instances that started or ended since the last pass (what a step, a job completion with
 * its variables, a timer, a message or a cancellation leaves behind) and rewrites the cases they belong to;
 * what the app itself changes without a step (a claim, an assignment, variables set by an operator) is
 * rewritten by refresh() before the app answers. A whole rebuild runs when the index is new and every
 * `reconcileMs` (a task assigned or a variable set from another client shows no step), one batch of cases at
 * a time between the other passes. Every pass runs alone: a case is read and written in one go.
 */
export class OpenWorkIndex {
  private tail: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  /** the changes at the mark (its very millisecond) already written: the next catch-up skips them */
  private handledAtMark = new Set<string>();
  /** instances whose refresh failed: their cases are rewritten by the next pass */
  private readonly retry = new Set<string>();

  constructor(
    private readonly knex: Knex,
    private readonly engine: EngineClient,
    private readonly tasks: TaskClient,
    private readonly register: DeadlineRegister,
    private readonly options: OpenWorkIndexOptions = {},
  ) {}

  /** Resolves once the index holds what the engine shows now; callers arriving together share one pass. */
  fresh(): Promise<void> {
    if (this.waiting) return this.waiting;
    const pass = this.serial(async () => {
      this.waiting = undefined;
      await this.pass();
    });
    this.waiting = pass;
    return pass;
  }

  /**
   * Rewrites the cases of these instances now (the app changed them without a step: claim, assignment,
   * variables). Never fails the caller, whose change the engine already holds: a case that could not be read
   * is tried again by the next pass.
   */
  refresh(processInstanceKeys: string[]): Promise<void> {
    return this.serial(async () => {
      try {
        await this.reindex([...(await this.rootsOf(processInstanceKeys))]);
        await this.rescope(processInstanceKeys);
      } catch (error) {
        for (const key of processInstanceKeys) this.retry.add(key);
        this.report(error);
      }
    });
  }

  /** The instances found under one of these Comuni (their root-scope codiceIstat or comuniAderenti), as the engine shows them now. */
  async instanceKeysIn(comuni: readonly string[]): Promise<string[]> {
    await this.fresh();
    return instanceKeysIn(this.knex, comuni);
  }

  /** Builds the index if it is new, then rebuilds it every `reconcileMs` in the background. */
  start(): void {
    if (this.timer) return;
    this.fresh().catch((e) => this.report(e));
    const every = this.options.reconcileMs ?? 10 * 60_000;
    this.timer = setInterval(() => {
      this.reconciling ??= this.reconcile()
        .catch((e) => this.report(e))
        .finally(() => (this.reconciling = undefined));
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.reconciling;
    await this.tail;
  }

  /** Rebuilds the whole index from the engine, one batch of cases per pass so lists keep answering meanwhile. */
  async reconcile(): Promise<void> {
    await this.rebuild((work) => this.serial(work));
  }

  /**
   * Every case the engine holds read again and written, through `run` (inline, or queued batch by batch), and every
   * instance's scope; then the rows no batch wrote are dropped: cases the engine no longer held when the rebuild
   * listed them (retention), tasks and deadlines no longer open, and no pass wrote since.
   */
  private async rebuild(run: <T>(work: () => Promise<T>) => Promise<T>): Promise<string | undefined> {
    const startedAt = Date.now();
    const since = await run(() => this.latestChange());
    const roots = await run(() => this.allRoots());
    const batch = this.options.casesPerBatch ?? 200;
    for (let i = 0; i < roots.length; i += batch) await run(() => this.reindex(roots.slice(i, i + batch)));
    const mark = await run(async () => {
      await writeCaseScopes(this.knex, await readCaseScopes(this.engine), undefined, Date.now());
      for (const table of ['open_tasks', 'open_deadlines', 'case_scopes', 'case_index']) await this.knex(table).where('indexed_at', '<', startedAt).delete();
      return this.saveState(since, startedAt);
    });
    this.options.log?.(`[open-work] rebuilt: ${roots.length} case(s)`);
    return mark;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async pass(): Promise<void> {
    const state = await this.currentState();
    // A new index is built whole inside this pass: the first answer waits for it.
    const since = state?.rebuilt_at ? (state.changes_since ?? undefined) : await this.rebuild((work) => work());
    if (this.retry.size > 0) {
      const keys = [...this.retry];
      await this.reindex([...(await this.rootsOf(keys))]);
      await this.rescope(keys);
      for (const key of keys) this.retry.delete(key);
    }
    await this.catchUp(since);
  }

  /**
   * Rewrites every case with an element that started or ended since `since`, and moves the mark to the latest
   * seen. Changes at the mark itself are searched again (another commit may share its millisecond) and those
   * already handled are skipped, so a quiet engine costs two empty searches.
   */
  private async catchUp(since: string | undefined): Promise<void> {
    const roots = new Set<string>();
    const instances = new Set<string>();
    const unrooted = new Set<string>();
    const markMs = since === undefined ? undefined : Date.parse(since);
    let latest = since;
    let latestMs = markMs ?? -Infinity;
    let atLatest = new Set<string>();
    const read = async (field: 'startDate' | 'endDate') => {
      const all: Array<ElementChange & { id: string }> = [];
      for (let from = 0; ; from += CHANGES_PAGE) {
        const changes = await this.engine.searchElementChanges(field, since, { from, limit: CHANGES_PAGE });
        all.push(...changes.map((c) => ({ ...c, id: `${field}:${c.elementInstanceKey}` })));
        if (changes.length < CHANGES_PAGE) return all;
      }
    };
    for (const c of (await Promise.all([read('startDate'), read('endDate')])).flat()) {
      const ms = Date.parse(c.date);
      if (ms > latestMs) [latest, latestMs, atLatest] = [c.date, ms, new Set()];
      if (ms === latestMs) atLatest.add(c.id);
      if (ms === markMs && this.handledAtMark.has(c.id)) continue;
      if (c.rootProcessInstanceKey) roots.add(c.rootProcessInstanceKey);
      else unrooted.add(c.processInstanceKey);
      instances.add(c.processInstanceKey);
    }
    // A cluster that does not tag element instances with their root (before 8.9): found up the call chain.
    for (const root of await this.rootsOf([...unrooted])) roots.add(root);
    if (roots.size > 0) {
      await this.reindex([...roots]);
      await this.rescope([...instances]);
    }
    this.handledAtMark = latestMs === markMs ? new Set([...this.handledAtMark, ...atLatest]) : atLatest;
    if (latest !== since) await this.knex('open_work_state').where({ name: STATE }).update({ changes_since: latest });
  }

  /**
   * Reads the cases again (their instances in any state, the open tasks and deadlines of those running) and
   * replaces their rows: open tasks, open deadlines and the Pratiche row of each case.
   */
  private async reindex(rootKeys: string[]): Promise<void> {
    const batch = this.options.casesPerBatch ?? 200;
    const comuneNames = new Map((await listComuni(this.knex).catch(() => [])).map((c) => [c.codiceIstat, c.nome]));
    for (let i = 0; i < rootKeys.length; i += batch) {
      const roots = rootKeys.slice(i, i + batch);
      const all = await this.instancesOf(roots);
      // A called process runs only while the process that called it does.
      const instances = all.filter((x) => x.state === 'ACTIVE');
      const indexedAt = Date.now();
      const rootOf = rootsByInstance(instances);
      const keys = instances.map((x) => x.processInstanceKey);
      const [deadlines, open, caseRows] = await Promise.all([this.register.deadlinesOf(instances), this.openTasksOf(keys), caseIndexRows(this.engine, all, comuneNames, indexedAt)]);
      const taskRows = (await readTaskFacts(this.engine, open)).flatMap((t) => {
        const root = rootOf.get(t.task.processInstanceKey);
        return root ? [openTaskRow(root, t, indexedAt)] : [];
      });
      const deadlineRows = deadlines.map((d) => openDeadlineRow(d, indexedAt));
      await this.knex.transaction(async (trx) => {
        for (let j = 0; j < roots.length; j += KEYS_PER_QUERY) {
          const some = roots.slice(j, j + KEYS_PER_QUERY);
          await trx('open_tasks').whereIn('root_key', some).delete();
          await trx('open_deadlines').whereIn('root_key', some).delete();
          await trx('case_index').whereIn('root_key', some).delete();
        }
        for (let j = 0; j < taskRows.length; j += KEYS_PER_QUERY) await trx('open_tasks').whereIn('user_task_key', taskRows.slice(j, j + KEYS_PER_QUERY).map((r) => r.user_task_key)).delete();
        for (let j = 0; j < taskRows.length; j += ROWS_PER_INSERT) await trx('open_tasks').insert(taskRows.slice(j, j + ROWS_PER_INSERT)).onConflict('user_task_key').merge();
        for (let j = 0; j < deadlineRows.length; j += ROWS_PER_INSERT) await trx('open_deadlines').insert(deadlineRows.slice(j, j + ROWS_PER_INSERT)).onConflict(['root_key', 'variable', 'due_ms']).merge();
        for (let j = 0; j < caseRows.length; j += ROWS_PER_INSERT) await trx('case_index').insert(caseRows.slice(j, j + ROWS_PER_INSERT)).onConflict('root_key').merge();
      });
    }
  }

  /** Reads again the Comuni these instances are found under (any state: a case that ended at once is still listed). */
  private async rescope(keys: string[]): Promise<void> {
    const scopes = await readCaseScopes(this.engine, keys);
    await this.knex.transaction((trx) => writeCaseScopes(trx, scopes, keys, Date.now()));
  }

  /** The cases' instances in any state: the roots and every instance they called, at any depth. */
  private async instancesOf(roots: string[]): Promise<ProcessInstanceSummary[]> {
    const out: ProcessInstanceSummary[] = [];
    let frontier: string[] = [];
    for (let i = 0; i < roots.length; i += KEYS_PER_QUERY) {
      const found = (await allProcessInstances(this.engine, { processInstanceKeys: roots.slice(i, i + KEYS_PER_QUERY) })).filter((x) => !x.parentProcessInstanceKey);
      out.push(...found);
      frontier.push(...found.map((x) => x.processInstanceKey));
    }
    for (let depth = 0; frontier.length > 0 && depth < 20; depth++) {
      const next: string[] = [];
      for (let i = 0; i < frontier.length; i += KEYS_PER_QUERY) {
        const called = await allProcessInstances(this.engine, { parentProcessInstanceKeys: frontier.slice(i, i + KEYS_PER_QUERY) });
        out.push(...called);
        next.push(...called.map((x) => x.processInstanceKey));
      }
      frontier = next;
    }
    return out;
  }

  private async openTasksOf(instanceKeys: string[]) {
    const out = [];
    for (let i = 0; i < instanceKeys.length; i += KEYS_PER_QUERY) out.push(...(await this.tasks.searchTasks({ state: 'CREATED', processInstanceKeys: instanceKeys.slice(i, i + KEYS_PER_QUERY) })));
    return out;
  }

  /** The top-level cases of these instances (an instance that is gone counts as its own case: its rows go). */
  private async rootsOf(processInstanceKeys: string[]): Promise<Set<string>> {
    const roots = new Set<string>();
    for (const key of processInstanceKeys) {
      let current = key;
      for (let depth = 0; depth < 20; depth++) {
        const instance = await this.engine.getProcessInstance(current);
        if (!instance?.parentProcessInstanceKey) break;
        current = instance.parentProcessInstanceKey;
      }
      roots.add(current);
    }
    return roots;
  }

  /** Every top-level case the engine holds, running or not (the Pratiche list ended cases too). */
  private async allRoots(): Promise<string[]> {
    return (await allProcessInstances(this.engine, {})).filter((x) => !x.parentProcessInstanceKey).map((x) => x.processInstanceKey);
  }

  /** The newest element start or end the engine shows: changes from it on are read by the next catch-up. */
  private async latestChange(): Promise<string | undefined> {
    const [started, ended] = await Promise.all([
      this.engine.searchElementChanges('startDate', undefined, { from: 0, limit: 1, latest: true }),
      this.engine.searchElementChanges('endDate', undefined, { from: 0, limit: 1, latest: true }),
    ]);
    const dates = [...started, ...ended].map((c) => c.date).sort((a, b) => Date.parse(b) - Date.parse(a));
    return dates[0];
  }

  private async currentState(): Promise<{ changes_since: string | null; rebuilt_at: number | null } | undefined> {
    return this.knex('open_work_state').where({ name: STATE }).first();
  }

  /** Records a rebuild; the change mark never moves back (a pass during the rebuild may have read further than its start). */
  private async saveState(since: string | undefined, rebuiltAt: number): Promise<string | undefined> {
    const current = await this.currentState();
    const keep = current?.changes_since && since && Date.parse(current.changes_since) > Date.parse(since) ? current.changes_since : (since ?? current?.changes_since ?? undefined);
    await this.knex('open_work_state').insert({ name: STATE, changes_since: keep ?? null, rebuilt_at: rebuiltAt }).onConflict('name').merge();
    return keep;
  }

  private report(error: unknown): void {
    (this.options.onError ?? ((e) => console.error('[open-work]', e)))(error);
  }
}

/** Each instance's top-level case among the instances given (none when its chain leaves them). */
function rootsByInstance(instances: ProcessInstanceSummary[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, top] of topInstances(instances)) if (!top.parentProcessInstanceKey) out.set(key, top.processInstanceKey);
  return out;
}
