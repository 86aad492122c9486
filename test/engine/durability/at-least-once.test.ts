import fs from 'node:fs';
import type { Knex } from 'knex';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, tempDir, waitFor } from '../../support/engineHarness.js';
import { closeQuietly, durableClient, freePort, killAllChildren, openEngineFile, startDoomedWorker, startEngineChild, type EngineChild } from './childProcesses.js';

const oneTask = (id: string, type: string): string =>
  bpmn(id, `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />`);

describe('job delivery is at least once', () => {
  const dataDir = tempDir('engine-alo-');
  let engine: EngineChild;
  let zeebe: ZeebeGrpcClient;
  let db: Knex;
  beforeAll(async () => {
    engine = await startEngineChild(dataDir, await freePort());
    zeebe = durableClient(engine.address);
    db = openEngineFile(dataDir);
  });
  afterAll(async () => {
    await closeQuietly(zeebe);
    await db?.destroy();
    await killAllChildren();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('redelivers the job of a worker that died after its lock timeout, and a late second completion gets NOT_FOUND', async () => {
    // given: a worker process takes the job with a 2 s lock and is killed before completing it
    await zeebe.deployResource({ name: 'alo.bpmn', process: Buffer.from(oneTask('alo', 'alo-work')) } as never);
    const instance = await zeebe.createProcessInstance({ bpmnProcessId: 'alo', variables: { attempt: 1 } });
    const doomed = await startDoomedWorker(engine.address, 'alo-work', 2_000);
    await doomed.kill9();
    // then: while the lock holds, nobody else gets the job
    const tooEarly = await zeebe.activateJobs({ type: 'alo-work', worker: 'second', maxJobsToActivate: 5, timeout: 30_000, requestTimeout: -1 } as never);
    expect(tooEarly).toEqual([]);

    // when: another worker asks again after the lock ran out
    const redelivered = await waitFor(async () => {
      const jobs = await zeebe.activateJobs({ type: 'alo-work', worker: 'second', maxJobsToActivate: 5, timeout: 30_000, requestTimeout: 1_000 } as never);
      return jobs.length > 0 ? jobs : undefined;
    }, 20_000, 'the job to come back');

    // then: it is the same job, timed out once, with its retries untouched
    expect(redelivered.map((j) => j.key)).toEqual([doomed.jobKey]);
    expect(redelivered[0].retries).toBe(3);
    const intents = ((await db('records').where({ value_type: 'JOB', key: Number(doomed.jobKey) }).orderBy('position').select('intent')) as { intent: string }[]).map((r) => r.intent);
    expect(intents).toEqual(['CREATED', 'ACTIVATED', 'TIMED_OUT', 'ACTIVATED']);

    // when: the second worker completes it, and a late completion of the same job arrives
    await zeebe.completeJob({ jobKey: doomed.jobKey, variables: { doneBy: 'second' } });
    const late = await zeebe.completeJob({ jobKey: doomed.jobKey, variables: { doneBy: 'ghost' } }).then(
      () => undefined,
      (error: { code?: number; details?: string; message?: string }) => error,
    );

    // then: NOT_FOUND (gRPC 5), and the instance completed once, with the first result
    expect(late?.code).toBe(5);
    expect(late?.details ?? late?.message).toContain(`Expected to complete job with key '${doomed.jobKey}', but no such job was found`);
    await waitFor(async () => (await db('process_instances').where('key', Number(instance.processInstanceKey)).first())?.state === 'COMPLETED', 10_000, 'completion');
    const doneBy = (await db('variables').where({ scope_key: Number(instance.processInstanceKey), name: 'doneBy' }).first()) as { value: string };
    expect(JSON.parse(doneBy.value)).toBe('second');
  });
});
