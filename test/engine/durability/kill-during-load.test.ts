import fs from 'node:fs';
import type { Knex } from 'knex';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { bpmn, tempDir, waitFor } from '../../support/engineHarness.js';
import { closeQuietly, durableClient, freePort, killAllChildren, openEngineFile, startEngineChild, type EngineChild } from './childProcesses.js';

const TASKS = ['a', 'b', 'c'] as const;
const NEXT: Record<string, string> = { a: 'b', b: 'c', c: 'end' };

const threeTasks = bpmn('durable-three', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${TASKS.map((t, i) => `<bpmn:serviceTask id="${t}"><bpmn:extensionElements><zeebe:taskDefinition type="durable-${t}" /></bpmn:extensionElements><bpmn:incoming>f${i}</bpmn:incoming><bpmn:outgoing>f${i + 1}</bpmn:outgoing></bpmn:serviceTask>`).join('\n    ')}
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="a" />
    <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="b" />
    <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="c" />
    <bpmn:sequenceFlow id="f3" sourceRef="c" targetRef="end" />`);

const waitsForPayment = bpmn('durable-payment', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="paid"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m_paid" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="paid" />
    <bpmn:sequenceFlow id="f2" sourceRef="paid" targetRef="end" />`,
  `<bpmn:message id="m_paid" name="durable-paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Creates instances and completes jobs until told to stop, recording only what the engine acknowledged. */
class AcknowledgedLoad {
  readonly createdInstances = new Set<string>();
  readonly completedJobs = new Map<string, { processInstanceKey: string; elementId: string }>();
  readonly activatedJobs = new Set<string>();
  maxKeySeen = 0n;
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly zeebe: ZeebeGrpcClient, options: { creators: number; jobTimeout: number }) {
    for (let i = 0; i < options.creators; i++) this.loops.push(this.createLoop());
    for (const task of TASKS) this.loops.push(this.workLoop(task, options.jobTimeout));
  }

  private see(key: string): void {
    if (BigInt(key) > this.maxKeySeen) this.maxKeySeen = BigInt(key);
  }

  private async createLoop(): Promise<void> {
    while (this.running) {
      try {
        const created = await this.zeebe.createProcessInstance({ bpmnProcessId: 'durable-three', variables: { load: true } });
        this.createdInstances.add(created.processInstanceKey);
        this.see(created.processInstanceKey);
      } catch {
        await sleep(10);
      }
    }
  }

  private async workLoop(task: string, jobTimeout: number): Promise<void> {
    while (this.running) {
      try {
        const jobs = await this.zeebe.activateJobs({ type: `durable-${task}`, worker: 'durable-worker', maxJobsToActivate: 25, timeout: jobTimeout, requestTimeout: 1_000 } as never);
        await Promise.all(
          jobs.map(async (job) => {
            this.activatedJobs.add(job.key);
            this.see(job.key);
            await this.zeebe.completeJob({ jobKey: job.key, variables: { [task]: true } });
            this.completedJobs.set(job.key, { processInstanceKey: job.processInstanceKey, elementId: job.elementId });
          }).map((p) => p.catch(() => undefined)),
        );
      } catch {
        await sleep(10);
      }
    }
  }

  /** Calls to a killed engine may hang until the client is closed: wait a little, not for them all. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.race([Promise.allSettled(this.loops), sleep(2_000)]);
  }
}

describe('kill -9 of the engine during load', () => {
  const dataDir = tempDir('engine-kill9-');
  let engine: EngineChild | undefined;
  let zeebe: ZeebeGrpcClient | undefined;
  let db: Knex | undefined;

  afterAll(async () => {
    if (zeebe) await closeQuietly(zeebe);
    await db?.destroy();
    await killAllChildren();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged instance, job completion or buffered message, reuses no key, and the run finishes after restart', async () => {
    // given: the engine in its own process on a real SQLite file, under load from SDK clients
    engine = await startEngineChild(dataDir, await freePort());
    zeebe = durableClient(engine.address);
    await zeebe.deployResource({ name: 'durable-three.bpmn', process: Buffer.from(threeTasks) } as never);
    await zeebe.deployResource({ name: 'durable-payment.bpmn', process: Buffer.from(waitsForPayment) } as never);
    const message = await zeebe.publishMessage({ name: 'durable-paid', correlationKey: 'order-1', timeToLive: 600_000, variables: { amount: 42 } });
    const load = new AcknowledgedLoad(zeebe, { creators: 8, jobTimeout: 4_000 });
    load.maxKeySeen = BigInt(message.key);
    await waitFor(async () => load.createdInstances.size >= 300 && [...load.completedJobs.values()].filter((j) => j.elementId === 'c').length >= 30, 60_000, 'load to build up');

    // when: SIGKILL in the middle of it, then a restart on the same data directory
    await engine.kill9();
    await load.stop();
    await closeQuietly(zeebe);
    const before = { created: new Set(load.createdInstances), completed: new Map(load.completedJobs), maxKeySeen: load.maxKeySeen };
    db = openEngineFile(dataDir);
    const highWater = (await db('key_state').where('id', 1).first()) as { next_key: number };
    // A new port: the old one may meanwhile be held by a client's reconnect attempt (a loopback
    // connect to a closed ephemeral port can end up connected to itself).
    engine = await startEngineChild(dataDir, await freePort());
    zeebe = durableClient(engine.address);

    // then: every acknowledged instance is there
    const instances = new Map(((await db('process_instances').where('bpmn_process_id', 'durable-three').select('key', 'state')) as { key: number; state: string }[]).map((r) => [String(r.key), r.state]));
    const lostInstances = [...before.created].filter((key) => !instances.has(key));
    expect(lostInstances).toEqual([]);
    // and every acknowledged completion: the job is gone, its COMPLETED record is there, the next element was reached
    const completedRecords = new Set(((await db('records').where({ value_type: 'JOB', intent: 'COMPLETED' }).select('key')) as { key: number }[]).map((r) => String(r.key)));
    const openJobs = new Set(((await db('jobs').select('key')) as { key: number }[]).map((r) => String(r.key)));
    const reached = new Set(
      ((await db('records').where({ value_type: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING' }).select('process_instance_key', 'element_id')) as { process_instance_key: number; element_id: string }[]).map(
        (r) => `${r.process_instance_key}/${r.element_id}`,
      ),
    );
    const lostCompletions = [...before.completed].filter(([jobKey, job]) => !completedRecords.has(jobKey) || openJobs.has(jobKey) || !reached.has(`${job.processInstanceKey}/${NEXT[job.elementId]}`));
    expect(lostCompletions).toEqual([]);
    // and the key high-water mark on disk is beyond every key a client saw
    expect(BigInt(highWater.next_key) > before.maxKeySeen).toBe(true);
    // and the message published with a TTL before the kill is still buffered
    expect(await db('messages').where('key', Number(message.key)).first()).toBeTruthy();

    // when: work resumes against the restarted engine
    const fresh = await zeebe.createProcessInstance({ bpmnProcessId: 'durable-three', variables: { load: false } });
    const resumed = new AcknowledgedLoad(zeebe, { creators: 0, jobTimeout: 30_000 });
    await waitFor(async () => {
      const active = (await db?.('process_instances').where({ bpmn_process_id: 'durable-three', state: 'ACTIVE' }).count('* as n').first()) as { n: number };
      return Number(active.n) === 0;
    }, 60_000, 'every instance to complete after the restart');
    await resumed.stop();
    const payment = await zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'durable-payment', variables: { orderId: 'order-1' }, requestTimeout: 10_000 });

    // then: keys handed out after the restart are new
    expect(BigInt(fresh.processInstanceKey) > before.maxKeySeen).toBe(true);
    expect(BigInt(resumed.maxKeySeen) > 0n).toBe(true);
    // and no acknowledged completion was delivered again
    expect([...resumed.activatedJobs].filter((key) => before.completed.has(key))).toEqual([]);
    // and every instance ran each task exactly once and completed
    const finished = (await db('process_instances').where('bpmn_process_id', 'durable-three').select('key', 'state')) as { key: number; state: string }[];
    expect(finished.every((r) => r.state === 'COMPLETED')).toBe(true);
    const taskCompletions = (await db('records')
      .where({ value_type: 'PROCESS_INSTANCE', intent: 'ELEMENT_COMPLETED' })
      .whereIn('element_id', [...TASKS])
      .whereIn('process_instance_key', finished.map((r) => r.key))
      .groupBy('process_instance_key', 'element_id')
      .select('process_instance_key', 'element_id')
      .count('* as n')) as { n: number }[];
    expect(taskCompletions).toHaveLength(finished.length * TASKS.length);
    expect(taskCompletions.every((r) => Number(r.n) === 1)).toBe(true);
    // and no key was given to two things
    const reused = await db.raw(`select key, count(*) as n from records
      where (value_type in ('JOB', 'VARIABLE') and intent = 'CREATED') or (value_type = 'PROCESS_INSTANCE' and intent in ('ELEMENT_ACTIVATING', 'SEQUENCE_FLOW_TAKEN')) or (value_type = 'MESSAGE' and intent = 'PUBLISHED')
      group by key having count(*) > 1`);
    expect(reused).toEqual([]);
    // and the buffered message correlated after the restart
    expect(payment.variables).toMatchObject({ orderId: 'order-1', amount: 42 });
    await engine.stop();
  }, 180_000);
});
