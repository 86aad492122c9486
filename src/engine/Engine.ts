import path from 'node:path';
import type { Knex } from 'knex';
import { EngineClock } from './clock.js';
import { Rejection, type RejectionType } from './errors.js';
import { JobDispatcher, type ActivateRequest, type JobStream } from './jobDispatcher.js';
import { FIRST_KEY, KeyGenerator } from './keys.js';
import { ModelCache } from './model/cache.js';
import type { Variables } from './feel/feel.js';
import { type ActivatedJob, lockJob, toActivatedJob } from './processor/commands/jobCommands.js';
import type { Command, CommandActor } from './processor/commands/types.js';
import { ProcessingContext, type EngineServices } from './processor/context.js';
import { handleCommand } from './processor/handle.js';
import { runDeployHooks, runMessageStartHooks, runSpecialJobHooks } from './processor/hooks.js';
import { Scheduler } from './scheduler.js';
import { openEngineDatabase } from './state/database.js';
import { recordStatements } from './state/commitScript.js';
import { WalCheckpointer } from './state/walCheckpointer.js';
import { type Batch, Store } from './state/store.js';
import type { JobRow, Key } from './state/tables.js';
import { parseExactJson } from './exactJson.js';
import './features.js';

export interface EngineOptions {
  /** SQLite file of the engine; default `<dataDir>/engine.sqlite`. */
  file?: string;
  dataDir?: string;
  clock?: EngineClock;
  /** Commands waiting beyond this are refused with RESOURCE_EXHAUSTED (backpressure). */
  maxQueue?: number;
  maxBatch?: number;
}

/** Longest stretch of batch processing before the thread is yielded to finished commits and the network. */
const PROCESSING_SLICE_MS = 4;

/** SQLite's codes for a disk that is full, read-only or gone. */
const STORAGE_EXHAUSTED = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)\b/;

interface Pending {
  command: Command;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  actor?: CommandActor;
}

type InstanceWaiter = (completed: boolean, variables: Variables) => void;

interface ProcessedBatch {
  items: Pending[];
  batch: Batch;
  /** Rejections of commands that failed in processing, given after the batch is written. */
  settled: (() => void)[];
  /** `Engine.generation` when processing began. */
  generation: number;
  /** Resolves once the batch's transaction holds the database connection (or it has nothing to write). */
  transactionOpen: Promise<void>;
  opened: () => void;
}

/**
 * The embedded engine: one queue, one writer. Commands are processed one at a time in batches;
 * each batch is written in one SQLite transaction and only then are its clients answered. The next
 * batch is processed while the previous one is being written.
 */
export class Engine {
  readonly clock: EngineClock;
  readonly dispatcher = new JobDispatcher();
  private readonly queue: Pending[] = [];
  private running = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private readonly instanceWaiters = new Map<Key, Set<InstanceWaiter>>();
  private readonly scheduler: Scheduler;
  private readonly services: EngineServices;
  private nextPosition: number;
  private written = 0;
  private checkpointer: WalCheckpointer | undefined;
  /** Bumped when a batch fails to write: batches processed on top of it are refused too. */
  private generation = 0;
  /** The last write failed for a full or read-only disk (logged once until a write succeeds). */
  private storageExhausted = false;

  private constructor(
    readonly knex: Knex,
    readonly store: Store,
    private readonly keys: KeyGenerator,
    lastPosition: number,
    clock: EngineClock,
    private readonly options: EngineOptions,
  ) {
    this.clock = clock;
    this.nextPosition = lastPosition + 1;
    // After every tick the next due time is read again: what was due is done, and a wake-up may have been early.
    this.scheduler = new Scheduler(knex, clock, () =>
      void this.execute({ type: 'tick' })
        .catch(() => undefined)
        .finally(() => this.scheduler.reschedule()),
    );
    const models = new ModelCache();
    this.services = {
      keys,
      clock,
      models,
      store,
      jobsAvailable: (type) => this.dispatcher.jobsAvailable(type),
      pushToStream: (ctx, job) => this.pushToStream(ctx, job),
      instanceEnded: (key, completed, variables) => this.instanceEnded(key, completed, variables as Variables),
      timersChanged: (due) => (due === undefined ? this.scheduler.reschedule() : this.scheduler.dueAt(due)),
      onProcessDeployed: runDeployHooks,
      startByMessage: runMessageStartHooks,
      onSpecialJobCompleted: (ctx, job, instance, variables) => runSpecialJobHooks(ctx, job, instance, variables as Variables),
    };
  }

  static async open(options: EngineOptions = {}): Promise<Engine> {
    const file = options.file ?? path.join(options.dataDir ?? './data', 'engine.sqlite');
    const knex = await openEngineDatabase(file);
    const keyRow = (await knex('key_state').where('id', 1).first()) as { next_key: number } | undefined;
    const position = (await knex('records').max('position as max').first()) as { max: number | null } | undefined;
    const engine = new Engine(knex, new Store(knex, keyRow?.next_key ?? FIRST_KEY), new KeyGenerator(keyRow?.next_key ?? FIRST_KEY), position?.max ?? 0, options.clock ?? new EngineClock(), options);
    // Checkpoints off the commit path (walCheckpointer.ts); the engine's own connection no longer runs them.
    engine.checkpointer = await WalCheckpointer.open(file);
    await knex.raw('PRAGMA wal_autocheckpoint = 0');
    engine.scheduler.reschedule();
    return engine;
  }

  /** Batches written to disk since this engine was opened (one SQLite transaction each). */
  get commits(): number {
    return this.written;
  }

  /** Queues a command; resolves once its effects are on disk, rejects with a Rejection. */
  execute<T = unknown>(command: Command, options: { actor?: CommandActor } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Rejection('RESOURCE_EXHAUSTED', 'The engine is shutting down'));
    if (command.type !== 'tick' && this.queue.length >= (this.options.maxQueue ?? 20_000)) {
      return Promise.reject(new Rejection('RESOURCE_EXHAUSTED', 'Expected to process the command, but the engine is overloaded (backpressure); retry later'));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ command, resolve: resolve as (value: unknown) => void, reject, actor: options.actor });
      if (!this.running) {
        this.running = true;
        this.idle = this.loop();
      }
    });
  }

  /**
   * Processes batch after batch. While one batch is being written (its transaction on the SQLite thread),
   * the next is processed on this thread: it reads the previous batch's rows from the cache, where they were
   * put when its processing ended, and any database read it makes waits behind that transaction (one
   * connection). Clients are answered only after their own batch is on disk, in batch order.
   */
  private async loop(): Promise<void> {
    let writing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        if (this.queue.length === 0) {
          await writing;
          if (this.queue.length === 0) break;
          continue;
        }
        const processed = await this.processBatch(this.queue.splice(0, this.options.maxBatch ?? 500));
        writing = this.writeBatch(writing, processed);
        await processed.transactionOpen;
      }
    } finally {
      this.running = false;
    }
  }

  private async processBatch(items: Pending[]): Promise<ProcessedBatch> {
    const generation = this.generation;
    const batch = this.store.begin();
    const settled: (() => void)[] = [];
    let slice = performance.now();
    for (const item of items) {
      // Processing runs on promises the cache resolves at once, so a large batch would hold the thread until
      // it ends: the commit of the batch before it, written meanwhile, would answer its clients and push its
      // jobs only then. Yielding every few ms lets them go out as soon as they are on disk.
      if (performance.now() - slice > PROCESSING_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      const mark = batch.mark();
      const ctx = new ProcessingContext(batch, this.services);
      try {
        const result = await handleCommand(ctx, item.command);
        await ctx.drain();
        // Who asked (REST callers); the audit log reads it from every record the command caused.
        if (item.actor) for (const record of batch.records.slice(mark.records)) Object.assign(record, { actor_id: item.actor.id, actor_type: item.actor.type });
        batch.afterCommit(() => item.resolve(result));
      } catch (error) {
        batch.rollbackTo(mark);
        if (error instanceof Rejection) settled.push(() => item.reject(error));
        else {
          console.error(`engine: processing '${item.command.type}' failed`, error);
          settled.push(() => item.reject(new Rejection('PROCESSING_ERROR', `Failed to process '${item.command.type}': ${(error as Error).message}`)));
        }
      }
    }
    batch.applyToCache();
    let opened: () => void = () => undefined;
    const transactionOpen = new Promise<void>((resolve) => (opened = resolve));
    return { items, batch, settled, generation, transactionOpen, opened };
  }

  /** Writes a processed batch once the one before it is written; never rejects (its clients get the failure). */
  private async writeBatch(previous: Promise<void>, processed: ProcessedBatch): Promise<void> {
    await previous;
    const { items, batch, settled } = processed;
    const fail = (message: string, type: RejectionType = 'PROCESSING_ERROR'): void => {
      this.store.clearCache();
      processed.opened();
      for (const item of items) item.reject(new Rejection(type, message));
    };
    if (processed.generation !== this.generation) {
      // Processed on top of a batch whose write failed: what it read is gone.
      return fail('Failed to write to disk: an earlier batch it depends on could not be written; retry');
    }
    try {
      if (batch.isEmpty) processed.opened();
      else {
        const records = recordStatements(batch.records, this.nextPosition);
        const keyState = `insert into "key_state" ("id", "next_key") values (1, ${this.keys.peek()}) on conflict ("id") do update set "next_key" = excluded."next_key"`;
        await batch.commit([keyState, ...records.statements], processed.opened);
        this.nextPosition = records.next;
        this.written++;
        this.checkpointer?.committed();
      }
    } catch (error) {
      // knex prefixes the statement, with the batch's data in it, to SQLite's own message: keep SQLite's.
      const message = (error as Error).message;
      const cause = /SQLITE_\w+: [^]*$/.exec(message)?.[0] ?? message;
      this.generation++;
      if (STORAGE_EXHAUSTED.test(cause)) {
        // A full or read-only disk: Zeebe answers RESOURCE_EXHAUSTED when its disk usage is over the watermark.
        // One line when it starts, not one per refused batch.
        if (!this.storageExhausted) console.error(`engine: the data directory is full or read-only, commands are refused with RESOURCE_EXHAUSTED until it is not: ${cause}`);
        this.storageExhausted = true;
        return fail(`Failed to write to disk: the engine's data directory is full or read-only (${cause})`, 'RESOURCE_EXHAUSTED');
      }
      console.error(`engine: writing a batch of ${items.length} command(s) failed: ${cause}`);
      return fail(`Failed to write to disk: ${cause}`);
    }
    if (this.storageExhausted && !batch.isEmpty) {
      this.storageExhausted = false;
      console.error('engine: the data directory takes writes again');
    }
    batch.runEffects();
    for (const settle of settled) settle();
  }

  /** ActivateJobs with Zeebe's long polling: `requestTimeout` > 0 waits that long, 0 means 10 s, < 0 returns at once. */
  async activateJobs(request: ActivateRequest, requestTimeout: number, signal?: AbortSignal): Promise<ActivatedJob[]> {
    // Jobs announced after this read but before the poll registers (e.g. created later in the same batch
    // as the activation) would wake nobody: the poll compares and retries at once instead.
    let seen = this.dispatcher.announced(request.jobType);
    const first = await this.execute<ActivatedJob[]>({ type: 'activateJobs', ...request });
    if (first.length > 0 || requestTimeout < 0) return first;
    const wait = requestTimeout === 0 ? 10_000 : requestTimeout;
    return new Promise<ActivatedJob[]>((resolve) => {
      let done = false;
      let inFlight = false;
      let expired = false;
      let remove = (): void => undefined;
      const finish = (jobs: ActivatedJob[]): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        remove();
        resolve(jobs);
      };
      // While an activation is being processed its jobs are already locked: let it answer rather than drop them.
      const timer = setTimeout(() => (inFlight ? (expired = true) : finish([])), wait);
      signal?.addEventListener('abort', () => (inFlight ? (expired = true) : finish([])));
      const retry = (): void => {
        if (done) return;
        if (this.closed) return finish([]);
        seen = this.dispatcher.announced(request.jobType);
        inFlight = true;
        this.execute<ActivatedJob[]>({ type: 'activateJobs', ...request })
          .then((jobs) => {
            inFlight = false;
            if (signal?.aborted) {
              this.yieldJobs(jobs);
              return finish([]);
            }
            if (jobs.length > 0 || expired) return finish(jobs);
            register();
          })
          .catch(() => finish([]));
      };
      const register = (): void => {
        if (this.dispatcher.announced(request.jobType) !== seen) return retry();
        remove = this.dispatcher.addPoll(request, retry);
      };
      register();
    });
  }

  /** Jobs activated for a caller that went away go back to the pool at once, not after their lock timeout. */
  yieldJobs(jobs: Pick<ActivatedJob, 'key' | 'deadline'>[]): void {
    for (const job of jobs) void this.execute({ type: 'yieldJob', jobKey: job.key, deadline: job.deadline }).catch(() => undefined);
  }

  openJobStream(stream: JobStream): () => void {
    return this.dispatcher.addStream(stream);
  }

  private async pushToStream(ctx: ProcessingContext, job: JobRow): Promise<boolean> {
    const stream = this.dispatcher.pickStream(job.type);
    if (!stream) return false;
    const locked = lockJob(ctx, job, stream.request.worker, stream.request.timeout);
    const activated = await toActivatedJob(ctx, locked, stream.request.fetchVariables);
    ctx.batch.afterCommit(() => {
      if (!stream.push(activated)) this.yieldJobs([activated]);
    });
    return true;
  }

  /** Resolves when the process instance ends (CreateProcessInstanceWithResult). */
  awaitInstance(processInstanceKey: Key, waiter: InstanceWaiter): () => void {
    let set = this.instanceWaiters.get(processInstanceKey);
    if (!set) this.instanceWaiters.set(processInstanceKey, (set = new Set()));
    set.add(waiter);
    return () => set.delete(waiter);
  }

  /**
   * Resolves with the root variables when the instance completes (CreateProcessInstanceWithResult).
   * As in Zeebe, only completion answers: the engine sends the result from the process's completion
   * (ProcessProcessor.finalizeCompletion), never on termination, so a request whose instance is
   * canceled or never ends gets the gateway's timeout, DEADLINE_EXCEEDED, after `timeout` ms.
   */
  async awaitCompletion(processInstanceKey: Key, timeout: number): Promise<Variables> {
    return new Promise<Variables>((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Rejection('DEADLINE_EXCEEDED', `Time out between gateway and broker: Request ProcessInstanceCreationWithResult for process instance '${processInstanceKey}' timed out in ${isoDuration(timeout)}`));
      }, timeout);
      const remove = this.awaitInstance(processInstanceKey, (completed, variables) => {
        if (!completed) return;
        clearTimeout(timer);
        remove();
        resolve(variables);
      });
      // It may have ended in the very batch that created it.
      void this.knex('process_instances').where('key', processInstanceKey).first().then(async (row: { state: string } | undefined) => {
        if (!row || row.state === 'ACTIVE') return;
        const variables: Variables = {};
        for (const v of (await this.knex('variables').where('scope_key', processInstanceKey)) as { name: string; value: string }[]) variables[v.name] = parseExactJson(v.value) as Variables[string];
        this.instanceEnded(processInstanceKey, row.state === 'COMPLETED', variables);
      });
    });
  }

  private instanceEnded(key: Key, completed: boolean, variables: Variables): void {
    const set = this.instanceWaiters.get(key);
    if (!set) return;
    this.instanceWaiters.delete(key);
    for (const waiter of set) waiter(completed, variables);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.scheduler.stop();
    this.dispatcher.closeAll();
    await this.idle;
    while (this.running) await this.idle;
    await this.checkpointer?.close();
    await this.knex.destroy();
  }
}

/** Milliseconds as Java's Duration.toString writes them (PT15S, PT0.3S), as Zeebe's timeout message does. */
function isoDuration(ms: number): string {
  return `PT${Number((ms / 1000).toFixed(3))}S`;
}
