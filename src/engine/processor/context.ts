import type { EngineClock } from '../clock.js';
import type { KeyGenerator } from '../keys.js';
import type { ModelCache } from '../model/cache.js';
import type { ElementModel, ProcessModel } from '../model/types.js';
import type { Batch, Store } from '../state/store.js';
import type { ElementInstanceRow, JobRow, Key, MessageRow, ProcessDefinitionRow } from '../state/tables.js';

/** What the processor offers to the code that handles one command. */
export interface EngineServices {
  keys: KeyGenerator;
  clock: EngineClock;
  models: ModelCache;
  /** Called when a job became activatable in this batch (after commit, waiting workers are served). */
  jobsAvailable(type: string): void;
  /** Offers a newly activatable job to an open job stream; returns true when a stream took it. */
  pushToStream(ctx: ProcessingContext, job: JobRow): Promise<boolean>;
  /** Called after commit when a process instance ended, with its root variables when it completed. */
  instanceEnded(processInstanceKey: Key, completed: boolean, variables: Record<string, unknown>): void;
  /** After a commit that wrote due times: `due` when it only added that one (no re-read needed). */
  timersChanged(due?: number): void;
  store: Store;
  /** Message start events: start instances of processes not yet served by this message. */
  startByMessage(ctx: ProcessingContext, message: MessageRow, served: Set<string>): Promise<Key[]>;
  /** Jobs of other kinds (execution listeners, job-based user tasks) finishing. */
  onSpecialJobCompleted(ctx: ProcessingContext, job: JobRow, instance: ElementInstanceRow, variables: Record<string, unknown>): Promise<void>;
  /** A new process version: start events with triggers (timer, message, signal) subscribe, the old version's go. */
  onProcessDeployed(ctx: ProcessingContext, definition: ProcessDefinitionRow, previous: ProcessDefinitionRow | undefined): Promise<void>;
}

/** Per-command processing state: the batch it writes to, and a FIFO of follow-up steps. */
export class ProcessingContext {
  private readonly steps: (() => Promise<void>)[] = [];

  constructor(
    readonly batch: Batch,
    readonly services: EngineServices,
  ) {}

  key(): Key {
    return this.services.keys.next();
  }

  now(): number {
    return this.services.clock.now();
  }

  /** Appends an event to the record log (the exporters' view of what happened). */
  event(valueType: string, intent: string, key: Key, value: Record<string, unknown>, processInstanceKey: Key | null = null, elementId: string | null = null): void {
    this.batch.record({
      key,
      timestamp: this.now(),
      record_type: 'EVENT',
      value_type: valueType,
      intent,
      process_instance_key: processInstanceKey,
      element_id: elementId,
      value,
    });
  }

  later(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** Runs the follow-up steps in order until none are left: the instance has reached a wait state. */
  async drain(): Promise<void> {
    for (let step = this.steps.shift(); step; step = this.steps.shift()) await step();
  }

  async model(processDefinitionKey: Key): Promise<{ model: ProcessModel; definition: ProcessDefinitionRow }> {
    return this.services.models.get(this.batch, processDefinitionKey);
  }

  async element(instance: ElementInstanceRow): Promise<ElementModel> {
    const { model } = await this.model(instance.process_definition_key);
    const element = model.elements.get(instance.element_id);
    if (!element) throw new Error(`Element '${instance.element_id}' not in process '${model.bpmnProcessId}'`);
    return element;
  }

  async instance(key: Key | null | undefined): Promise<ElementInstanceRow | undefined> {
    return this.batch.get('element_instances', key);
  }

  update(instance: ElementInstanceRow, patch: Partial<ElementInstanceRow>): ElementInstanceRow {
    const next = { ...instance, ...patch };
    this.batch.put('element_instances', next);
    return next;
  }
}
