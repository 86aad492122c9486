import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZBClient } from 'zeebe-node';
import { bpmn, completedElements, engineLogin, records, startHarness, tempDir, waitFor, type Harness } from '../support/engineHarness.js';
import { chain, errorBoundary, errorDefinitions, straight, task } from '../support/bpmnSnippets.js';

/** zeebe-node's OAuth settings, as its README documents them (its token cache in a private folder). */
const OAUTH_VARIABLES = ['ZEEBE_ADDRESS', 'ZEEBE_CLIENT_ID', 'ZEEBE_CLIENT_SECRET', 'ZEEBE_AUTHORIZATION_SERVER_URL', 'ZEEBE_TOKEN_AUDIENCE', 'ZEEBE_TOKEN_CACHE_DIR'];

/**
 * `zeebe-node` 8.3.2, used unchanged as its README shows: ZBClient configured by ZEEBE_ADDRESS and the OAuth
 * variables, TLS off. Nobody here wrote it, so it checks the gateway against a client with its own assumptions.
 */
describe('zeebe-node 8.3.2 against the embedded engine', () => {
  let h: Harness;
  let zbc: ZBClient;
  beforeAll(async () => {
    // REST too: it serves the OAuth token endpoint
    h = await startHarness({ rest: { host: '127.0.0.1', port: 0 } });
    const login = engineLogin(h.address);
    Object.assign(process.env, {
      ZEEBE_ADDRESS: h.address,
      ZEEBE_CLIENT_ID: login?.clientId,
      ZEEBE_CLIENT_SECRET: login?.clientSecret,
      ZEEBE_AUTHORIZATION_SERVER_URL: login?.tokenUrl,
      ZEEBE_TOKEN_AUDIENCE: 'zeebe-api',
      ZEEBE_TOKEN_CACHE_DIR: tempDir('zeebe-node-tokens-'),
    });
    zbc = new ZBClient({ useTLS: false, loglevel: 'NONE', retry: false });
  });
  afterAll(async () => {
    await zbc.close();
    await h.stop();
    for (const name of OAUTH_VARIABLES) delete process.env[name];
  });

  it('is refused with UNAUTHENTICATED without credentials', async () => {
    // given: the same client, configured with the address only
    const saved = Object.fromEntries(OAUTH_VARIABLES.map((n) => [n, process.env[n]]));
    for (const name of OAUTH_VARIABLES) delete process.env[name];
    const anonymous = new ZBClient(h.address, { useTLS: false, loglevel: 'NONE', retry: false });
    try {
      // when
      const failure = await anonymous.topology().then(() => undefined, (error: { code?: number; message: string }) => error);
      // then: gRPC status 16, UNAUTHENTICATED
      expect(failure?.code).toBe(16);
    } finally {
      await anonymous.close();
      Object.assign(process.env, saved);
    }
  });

  it('reads the topology', async () => {
    // when
    const topology = await zbc.topology();
    // then
    expect(topology.clusterSize).toBe(1);
    expect(topology.brokers[0].partitions[0]).toMatchObject({ partitionId: 1, role: 'LEADER' });
  });

  it('deploys, creates an instance and completes it with a worker', async () => {
    // given
    const xml = bpmn('zn-order', straight({ id: 'check', xml: task('check', 'zn-check', { headers: { office: 'UPD' } }) }, { id: 'notify', xml: task('notify', 'zn-notify') }));
    const deployed = await zbc.deployResource({ process: Buffer.from(xml), name: 'zn-order.bpmn' });
    expect(deployed.deployments[0]).toMatchObject({ process: { bpmnProcessId: 'zn-order', version: 1 } });
    const seen: Record<string, unknown>[] = [];
    const check = zbc.createWorker({
      taskType: 'zn-check',
      taskHandler: (job) => {
        seen.push({ variables: job.variables, headers: job.customHeaders });
        return job.complete({ eligible: (job.variables.age as number) >= 18 });
      },
    });
    const notify = zbc.createWorker({ taskType: 'zn-notify', taskHandler: (job) => job.complete({ notified: job.variables.eligible }) });
    // when
    const created = await zbc.createProcessInstance({ bpmnProcessId: 'zn-order', variables: { age: 30 } });
    // then
    await waitFor(async () => (await completedElements(h.embedded, created.processInstanceKey)).includes('zn-order'), 10_000, 'the instance to complete');
    await Promise.all([check.close(), notify.close()]);
    expect(await completedElements(h.embedded, created.processInstanceKey)).toEqual(['start', 'check', 'notify', 'end', 'zn-order']);
    expect(seen).toEqual([{ variables: { age: 30 }, headers: { office: 'UPD' } }]);
    const vars = (await records(h.embedded, created.processInstanceKey, 'VARIABLE')).map((r) => `${r.value.name}=${r.value.value}`);
    expect(vars).toEqual(['age=30', 'eligible=true', 'notified=true']);
  });

  it('gets the result of createProcessInstanceWithResult', async () => {
    // given
    await zbc.deployResource({ process: Buffer.from(bpmn('zn-result', straight({ id: 't', xml: task('t', 'zn-result') }))), name: 'zn-result.bpmn' });
    const worker = zbc.createWorker({ taskType: 'zn-result', taskHandler: (job) => job.complete({ total: (job.variables.a as number) + (job.variables.b as number) }) });
    // when
    const result = await zbc.createProcessInstanceWithResult({ bpmnProcessId: 'zn-result', variables: { a: 2, b: 3 }, requestTimeout: 10_000 });
    await worker.close();
    // then
    expect(result.variables).toEqual({ a: 2, b: 3, total: 5 });
  });

  it("a worker's job.fail() counts retries down to an incident, and job.error() takes the boundary", async () => {
    // given
    await zbc.deployResource({
      process: Buffer.from(bpmn('zn-fail', [
        '<bpmn:startEvent id="start"/>',
        task('flaky', 'zn-flaky', { retries: '2' }),
        task('strict', 'zn-strict'),
        errorBoundary('refused', 'strict', 'refusal'),
        '<bpmn:endEvent id="end"/><bpmn:endEvent id="refusedEnd"/>',
        chain('start', 'flaky', 'strict', 'end'),
        chain('refused', 'refusedEnd'),
      ].join('\n'), errorDefinitions({ refusal: 'REFUSED' }))),
      name: 'zn-fail.bpmn',
    });
    let attempts = 0;
    const flaky = zbc.createWorker({
      taskType: 'zn-flaky',
      taskHandler: (job) => {
        attempts += 1;
        return job.fail('service down');
      },
    });
    // when
    const first = await zbc.createProcessInstance({ bpmnProcessId: 'zn-fail', variables: {} });
    // then: two attempts (retries 2 → 1 → 0), then an incident
    const incident = await waitFor(async () => (await records(h.embedded, first.processInstanceKey, 'INCIDENT')).find((r) => r.intent === 'CREATED'), 10_000, 'an incident');
    await flaky.close();
    expect(attempts).toBe(2);
    expect(incident.value).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'service down', elementId: 'flaky' });

    // given: the incident is fixed with zeebe-node's own calls
    await zbc.updateJobRetries({ jobKey: String(incident.value.jobKey), retries: 1 });
    await zbc.resolveIncident({ incidentKey: String(incident.key) });
    const fixed = zbc.createWorker({ taskType: 'zn-flaky', taskHandler: (job) => job.complete() });
    const strict = zbc.createWorker({ taskType: 'zn-strict', taskHandler: (job) => job.error('REFUSED', 'not allowed') });
    // then: the instance continues and the business error takes the boundary
    await waitFor(async () => (await completedElements(h.embedded, first.processInstanceKey)).includes('zn-fail'), 10_000, 'the instance to complete');
    await Promise.all([fixed.close(), strict.close()]);
    expect(await completedElements(h.embedded, first.processInstanceKey)).toEqual(['start', 'flaky', 'refused', 'refusedEnd', 'zn-fail']);
  });

  it('publishes messages, refusing a duplicate messageId with ALREADY_EXISTS', async () => {
    // when
    const published = await zbc.publishMessage({ name: 'zn-msg', correlationKey: 'fascicolo-7', messageId: 'zn-1', timeToLive: 60_000, variables: { esito: 'ok' } });
    const duplicate = (await zbc.publishMessage({ name: 'zn-msg', correlationKey: 'fascicolo-7', messageId: 'zn-1', timeToLive: 60_000, variables: {} }).catch((e: unknown) => e)) as { code?: number };
    // then
    expect(BigInt(published.key) > 2n ** 51n).toBe(true);
    expect(duplicate.code).toBe(6); // ALREADY_EXISTS
    const buffered = (await h.embedded.engine.knex('messages').where({ name: 'zn-msg' })) as { message_id: string; variables: string }[];
    expect(buffered.map((m) => [m.message_id, JSON.parse(m.variables)])).toEqual([['zn-1', { esito: 'ok' }]]);
  });
});
