import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';
import { straight, task } from '../support/bpmnSnippets.js';
import { grpc, rawGateway, type RawGateway } from '../support/rawGateway.js';

/** The gateway RPCs of issue #2, their answers and status codes (ZEEBE-SEMANTICS.md §10, §11). */
describe('gateway RPCs', () => {
  let h: Harness;
  let raw: RawGateway;
  beforeAll(async () => {
    h = await startHarness();
    raw = rawGateway(h.address);
  });
  afterAll(async () => {
    raw.close();
    await h.stop();
  });

  const resource = (name: string, xml: string) => ({ name, content: Buffer.from(xml) });

  it('Topology describes one healthy broker leading partition 1 at the gateway address', async () => {
    // when
    const topology = await raw.call('Topology', {});
    const viaSdk = await h.zeebe.topology();
    // then
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1 });
    expect(topology.brokers).toHaveLength(1);
    expect(`${topology.brokers[0].host}:${topology.brokers[0].port}`).toBe(h.address);
    expect(topology.brokers[0].partitions).toEqual([expect.objectContaining({ partitionId: 1, role: 'LEADER', health: 'HEALTHY' })]);
    expect(topology.gatewayVersion).toMatch(/^8\.\d+\.\d+/);
    expect(viaSdk.brokers[0].partitions[0].role).toBe('LEADER');
  });

  describe('DeployResource and DeployProcess', () => {
    it('versions a process per id, and gives back the old version for an identical resource', async () => {
      // given
      const v1 = bpmn('rpc-versions', straight({ id: 't', xml: task('t', 'rpc-versions') }));
      const v2 = bpmn('rpc-versions', straight({ id: 't', xml: task('t', 'rpc-versions-changed') }));
      // when
      const first = await raw.call('DeployResource', { resources: [resource('versions.bpmn', v1)] });
      const same = await raw.call('DeployResource', { resources: [resource('versions.bpmn', v1)] });
      const changed = await raw.call('DeployResource', { resources: [resource('versions.bpmn', v2)] });
      // then
      const processOf = (response: Record<string, any>) => response.deployments[0].process;
      expect(processOf(first)).toMatchObject({ bpmnProcessId: 'rpc-versions', version: 1, resourceName: 'versions.bpmn' });
      expect(BigInt(processOf(first).processDefinitionKey) > 2n ** 51n).toBe(true);
      expect(processOf(same)).toMatchObject({ version: 1, processDefinitionKey: processOf(first).processDefinitionKey });
      expect(processOf(changed)).toMatchObject({ version: 2 });
      expect(processOf(changed).processDefinitionKey).not.toBe(processOf(first).processDefinitionKey);
      const rows = await h.embedded.engine.knex('process_definitions').where('bpmn_process_id', 'rpc-versions');
      expect(rows).toHaveLength(2);
    });

    it('still serves the deprecated DeployProcess', async () => {
      // when
      const response = await raw.call('DeployProcess', { processes: [{ name: 'legacy.bpmn', definition: Buffer.from(bpmn('rpc-legacy', straight())) }] });
      // then
      expect(BigInt(response.key) > 2n ** 51n).toBe(true);
      expect(response.processes).toEqual([expect.objectContaining({ bpmnProcessId: 'rpc-legacy', version: 1, resourceName: 'legacy.bpmn' })]);
      // and the process runs
      const created = await raw.call('CreateProcessInstanceWithResult', { request: { bpmnProcessId: 'rpc-legacy', version: -1, variables: '{"ok":true}' } });
      expect(JSON.parse(created.variables)).toEqual({ ok: true });
    });
  });

  describe('CreateProcessInstanceWithResult', () => {
    beforeAll(async () => {
      await raw.call('DeployResource', { resources: [resource('result.bpmn', bpmn('rpc-result', straight({ id: 't', xml: task('t', 'rpc-result') })))] });
    });

    it('answers when the instance completes, with only the fetched variables', async () => {
      // given
      const worker = h.zeebe.createWorker({ taskType: 'rpc-result', taskHandler: (job) => job.complete({ score: 30, note: 'cum laude' }) });
      // when
      const result = await raw.call('CreateProcessInstanceWithResult', {
        request: { bpmnProcessId: 'rpc-result', version: -1, variables: JSON.stringify({ candidate: 'Rossi' }) },
        fetchVariables: ['score', 'candidate'],
        requestTimeout: 10_000,
      });
      await worker.close();
      // then
      expect(result).toMatchObject({ bpmnProcessId: 'rpc-result', version: 1 });
      expect(JSON.parse(result.variables)).toEqual({ candidate: 'Rossi', score: 30 });
      const instance = (await h.embedded.engine.knex('process_instances').where('key', Number(result.processInstanceKey)).first()) as { state: string };
      expect(instance.state).toBe('COMPLETED');
    });

    it('answers DEADLINE_EXCEEDED when the instance does not complete within requestTimeout', async () => {
      // when: no worker serves the task
      const failure = await raw.fail('CreateProcessInstanceWithResult', { request: { bpmnProcessId: 'rpc-result', version: -1 }, requestTimeout: 300 });
      // then
      expect(failure.code).toBe(grpc.status.DEADLINE_EXCEEDED);
      expect(failure.details).toContain('Time out between gateway and broker');
    });

    it('does not answer for a canceled instance: the request times out with DEADLINE_EXCEEDED, as Zeebe sends results only on completion', async () => {
      // given an instance awaited with a result
      const awaited = raw.fail('CreateProcessInstanceWithResult', { request: { bpmnProcessId: 'rpc-result', version: -1, variables: '{"cancelMe":true}' }, requestTimeout: 1_500 });
      const instance = await waitFor(async () => (await h.embedded.engine.knex('variables').where('name', 'cancelMe').first()) as { process_instance_key: number } | undefined);
      // when
      await h.zeebe.cancelProcessInstance(String(instance.process_instance_key));
      const failure = await awaited;
      // then
      expect(failure.code).toBe(grpc.status.DEADLINE_EXCEEDED);
      expect(failure.details).not.toContain('terminated');
      const row = (await h.embedded.engine.knex('process_instances').where('key', instance.process_instance_key).first()) as { state: string };
      expect(row.state).toBe('TERMINATED');
    });

    it('waits the gateway default of 15 s when requestTimeout is 0 (longer than the 10 s long-poll default)', async () => {
      // given a worker that completes the task 11 s after it gets it
      const worker = h.zeebe.createWorker({
        taskType: 'rpc-result',
        taskHandler: async (job) => {
          await new Promise((resolve) => setTimeout(resolve, 11_000));
          return job.complete({ late: true });
        },
      });
      // when
      const result = await raw.call('CreateProcessInstanceWithResult', { request: { bpmnProcessId: 'rpc-result', version: -1 }, requestTimeout: 0 });
      await worker.close();
      // then
      expect(JSON.parse(result.variables)).toEqual({ late: true });
    }, 30_000);
  });

  describe('CancelProcessInstance', () => {
    it('terminates the instance and cancels its job; canceling again is NOT_FOUND', async () => {
      // given
      await raw.call('DeployResource', { resources: [resource('cancel.bpmn', bpmn('rpc-cancel', straight({ id: 't', xml: task('t', 'rpc-cancel') })))] });
      const { processInstanceKey } = await raw.call('CreateProcessInstance', { bpmnProcessId: 'rpc-cancel', version: -1 });
      const [job] = await raw.activate({ type: 'rpc-cancel', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
      // when
      await h.zeebe.cancelProcessInstance(processInstanceKey);
      // then
      const intents = (await records(h.embedded, processInstanceKey)).map((r) => `${r.value_type}:${r.element_id ?? ''}:${r.intent}`);
      expect(intents).toEqual(expect.arrayContaining(['JOB:t:CANCELED', 'PROCESS_INSTANCE:t:ELEMENT_TERMINATED', 'PROCESS_INSTANCE:rpc-cancel:ELEMENT_TERMINATED']));
      expect((await raw.fail('CompleteJob', { jobKey: job.key })).code).toBe(grpc.status.NOT_FOUND);
      const again = await raw.fail('CancelProcessInstance', { processInstanceKey });
      expect(again.code).toBe(grpc.status.NOT_FOUND);
      expect(again.details).toContain(processInstanceKey);
    });
  });

  describe('PublishMessage', () => {
    const messageRecords = async (name: string) =>
      ((await h.embedded.engine.knex('records').where('value_type', 'MESSAGE').orderBy('position')) as { intent: string; key: number; value: string }[])
        .map((r) => ({ ...r, value: JSON.parse(r.value) as Record<string, unknown> }))
        .filter((r) => r.value.name === name);

    it('refuses a messageId still buffered under the same name and correlation key with ALREADY_EXISTS', async () => {
      // given
      const message = { name: 'rpc-msg', correlationKey: 'pratica-1', messageId: 'm-1', timeToLive: 60_000, variables: '{"a":1}' };
      const first = await raw.call('PublishMessage', message);
      // when
      const duplicate = await raw.fail('PublishMessage', message);
      const otherKey = await raw.call('PublishMessage', { ...message, correlationKey: 'pratica-2' });
      const otherId = await raw.call('PublishMessage', { ...message, messageId: 'm-2' });
      // then
      expect(BigInt(first.key) > 2n ** 51n).toBe(true);
      expect(duplicate.code).toBe(grpc.status.ALREADY_EXISTS);
      expect(duplicate.details).toContain('m-1');
      expect(new Set([first.key, otherKey.key, otherId.key]).size).toBe(3);
      expect((await messageRecords('rpc-msg')).map((r) => r.intent)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
    });

    it('drops a buffered message when its TTL has passed, after which its id may be used again', async () => {
      // given
      const message = { name: 'rpc-ttl', correlationKey: 'k', messageId: 'once', timeToLive: 200 };
      await raw.call('PublishMessage', message);
      // when
      await waitFor(async () => (await messageRecords('rpc-ttl')).some((r) => r.intent === 'EXPIRED'), 10_000, 'the message to expire');
      // then
      await raw.call('PublishMessage', message);
      expect((await messageRecords('rpc-ttl')).map((r) => r.intent)).toEqual(['PUBLISHED', 'EXPIRED', 'PUBLISHED']);
    });

    it('does not buffer a message with TTL 0, so its id is free again at once', async () => {
      // given
      const message = { name: 'rpc-ttl0', correlationKey: 'k', messageId: 'same', timeToLive: 0 };
      // when
      await raw.call('PublishMessage', message);
      await raw.call('PublishMessage', message);
      // then
      expect(await h.embedded.engine.knex('messages').where('name', 'rpc-ttl0')).toHaveLength(0);
    });

    it('works through the SDK', async () => {
      // when
      const response = await h.zeebe.publishMessage({ name: 'rpc-sdk-msg', correlationKey: 'c', messageId: 'sdk-1', timeToLive: 10_000, variables: { x: 1 } });
      const duplicate = (await h.zeebe.publishMessage({ name: 'rpc-sdk-msg', correlationKey: 'c', messageId: 'sdk-1', timeToLive: 10_000, variables: {} }).catch((e: unknown) => e)) as { code?: number };
      // then
      expect(BigInt(response.key) > 2n ** 51n).toBe(true);
      expect(duplicate.code).toBe(grpc.status.ALREADY_EXISTS);
    });
  });

  it.each(['ModifyProcessInstance', 'MigrateProcessInstance', 'DeleteResource'])('answers INVALID_ARGUMENT for %s without a key', async (method) => {
    // when
    const failure = await raw.fail(method, {});
    // then
    expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('refuses EvaluateDecision without a decision id or key as Zeebe does', async () => {
    // when
    const failure = await raw.fail('EvaluateDecision', {});
    // then
    expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(failure.details).toBe('Expected either a decision id or a valid decision key, but none provided');
  });
});

describe('gateway under overload', () => {
  let h: Harness;
  let raw: RawGateway;
  beforeAll(async () => {
    h = await startHarness({ maxQueue: 2 });
    raw = rawGateway(h.address);
    await raw.call('DeployResource', { resources: [{ name: 'load.bpmn', content: Buffer.from(bpmn('rpc-load', straight())) }] });
  });
  afterAll(async () => {
    raw.close();
    await h.stop();
  });

  it('refuses commands beyond the queue limit with RESOURCE_EXHAUSTED and creates nothing for them', async () => {
    // when: far more commands at once than the queue takes
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () => raw.call('CreateProcessInstance', { bpmnProcessId: 'rpc-load', version: -1 }).then(() => 'ok', (e: grpc.ServiceError) => e.code)),
    );
    // then
    const refused = outcomes.filter((o) => o === grpc.status.RESOURCE_EXHAUSTED).length;
    const accepted = outcomes.filter((o) => o === 'ok').length;
    expect(refused).toBeGreaterThan(0);
    expect(accepted + refused).toBe(200);
    const rows = await h.embedded.engine.knex('process_instances').where('bpmn_process_id', 'rpc-load');
    expect(rows).toHaveLength(accepted);
  });
});
