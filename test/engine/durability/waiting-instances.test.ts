import fs from 'node:fs';
import type { Knex } from 'knex';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { bpmn, tempDir } from '../../support/engineHarness.js';
import { closeQuietly, durableClient, freePort, killAllChildren, openEngineFile, startEngineChild, type EngineChild } from './childProcesses.js';

const waiting = bpmn('waiting-rows', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="later"><bpmn:extensionElements><zeebe:taskDefinition type="waiting-rows-later" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="later" />
    <bpmn:sequenceFlow id="f2" sourceRef="later" targetRef="end" />`);

const count = async (db: Knex, table: string, where: Record<string, unknown>): Promise<number> =>
  Number(((await db(table).where(where).count('* as n').first()) as { n: number }).n);

describe('waiting instances are rows on disk', () => {
  const dataDir = tempDir('engine-waiting-');
  let engine: EngineChild | undefined;
  let zeebe: ZeebeGrpcClient | undefined;
  let db: Knex | undefined;
  afterAll(async () => {
    if (zeebe) await closeQuietly(zeebe);
    await db?.destroy();
    await killAllChildren();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a restarted engine, with nothing in memory, serves every waiting instance from its rows', async () => {
    // given: 400 instances waiting at a task nobody works on, then the engine is killed
    engine = await startEngineChild(dataDir, await freePort());
    zeebe = durableClient(engine.address);
    await zeebe.deployResource({ name: 'waiting-rows.bpmn', process: Buffer.from(waiting) } as never);
    const keys: string[] = [];
    for (let i = 0; i < 8; i++) {
      keys.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => zeebe!.createProcessInstance({ bpmnProcessId: 'waiting-rows', variables: { n: i * 50 + j } })))).map((c) => c.processInstanceKey));
    }
    await engine.kill9();
    await closeQuietly(zeebe);

    // when: it starts again on the same file
    engine = await startEngineChild(dataDir, await freePort());
    zeebe = durableClient(engine.address);
    db = openEngineFile(dataDir);

    // then: each waiting instance is an active instance row, a waiting element row, a variable row and a job row
    expect(await count(db, 'process_instances', { bpmn_process_id: 'waiting-rows', state: 'ACTIVE' })).toBe(400);
    expect(await count(db, 'element_instances', { bpmn_process_id: 'waiting-rows', element_id: 'later', state: 'ACTIVATED' })).toBe(400);
    expect(await count(db, 'jobs', { type: 'waiting-rows-later', state: 'ACTIVATABLE' })).toBe(400);
    // and the restarted engine hands out all 400 jobs, with their variables read back from disk
    const jobs = [];
    while (jobs.length < 400) {
      const batch = await zeebe.activateJobs({ type: 'waiting-rows-later', worker: 'after-restart', maxJobsToActivate: 100, timeout: 60_000, requestTimeout: -1 } as never);
      if (batch.length === 0) break;
      jobs.push(...batch);
    }
    expect(new Set(jobs.map((j) => j.processInstanceKey))).toEqual(new Set(keys));
    expect(jobs.map((j) => (j.variables as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i));
    await engine.stop();
  });
});
