import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedElements, startHarness, type Harness } from '../support/engineHarness.js';

const here = path.dirname(new URL(import.meta.url).pathname);

describe('embedded engine through @camunda8/sdk', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('reports a one-broker topology with partition 1 as leader', async () => {
    // when
    const topology = await h.zeebe.topology();
    // then
    expect(topology.clusterSize).toBe(1);
    expect(topology.brokers[0].partitions[0]).toMatchObject({ partitionId: 1, role: 'LEADER' });
  });

  it('runs start → three service tasks → end with SDK workers and returns the merged variables', async () => {
    // given
    const deployment = await h.zeebe.deployResource({ processFilename: path.join(here, 'fixtures/three-tasks.bpmn') });
    const deployed = (deployment.deployments[0] as { process: { bpmnProcessId: string; processDefinitionKey: string } }).process;
    expect(deployed.bpmnProcessId).toBe('three-tasks');
    expect(BigInt(deployed.processDefinitionKey) > 2n ** 51n).toBe(true);
    const workers = ['task-a', 'task-b', 'task-c'].map((taskType) =>
      h.zeebe.createWorker({ taskType, taskHandler: (job) => job.complete({ [taskType.replace('-', '_')]: job.variables.x }) }),
    );
    // when
    const result = await h.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'three-tasks', variables: { x: 7 } });
    // then
    expect(result.variables).toEqual({ x: 7, task_a: 7, task_b: 7, task_c: 7 });
    expect(await completedElements(h.embedded, result.processInstanceKey)).toEqual(['start', 'a', 'b', 'c', 'end', 'three-tasks']);
    await Promise.all(workers.map((w) => w.close()));
  });
});
