import type { JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';
import { straight, task } from '../support/bpmnSnippets.js';
import { grpc, rawGateway, type RawGateway } from '../support/rawGateway.js';

/** Jobs as ZEEBE-SEMANTICS.md §3 describes them, through the official gateway protocol. */
describe('jobs', () => {
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

  async function deployOneTask(processId: string, type: string, options: Parameters<typeof task>[2] = {}): Promise<void> {
    await deployXml(h.zeebe, `${processId}.bpmn`, bpmn(processId, straight({ id: 'work', xml: task('work', type, options) })));
  }
  async function startInstance(processId: string, variables: JSONDoc = {}): Promise<string> {
    return (await h.zeebe.createProcessInstance({ bpmnProcessId: processId, variables })).processInstanceKey;
  }
  const activate = (type: string, extra: Record<string, unknown> = {}) =>
    raw.activate({ type, worker: 'test-worker', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1, ...extra });
  const jobIntents = async (instanceKey: string) => (await records(h.embedded, instanceKey, 'JOB')).map((r) => r.intent);
  const instanceCompleted = async (instanceKey: string) =>
    (await records(h.embedded, instanceKey, 'PROCESS_INSTANCE')).some((r) => r.intent === 'ELEMENT_COMPLETED' && r.value.bpmnElementType === 'process');

  it('turns service, send, script and business-rule tasks into jobs with type, retries and headers', async () => {
    // given
    const body = straight(
      { id: 'svc', xml: task('svc', 'jt-service', { retries: '5', headers: { region: 'nord', office: 'UPD' } }) },
      { id: 'send', xml: task('send', 'jt-send', { kind: 'sendTask' }) },
      { id: 'script', xml: task('script', '="jt-" + kind', { kind: 'scriptTask' }) },
      { id: 'rule', xml: task('rule', 'jt-rule', { kind: 'businessRuleTask', retries: '=retriesFromVar' }) },
    );
    await deployXml(h.zeebe, 'jt-kinds.bpmn', bpmn('jt-kinds', body));
    const key = await startInstance('jt-kinds', { kind: 'script', retriesFromVar: 2 });
    // when / then: each task in turn is a job of its type
    const [svc] = await activate('jt-service');
    expect(svc).toMatchObject({ elementId: 'svc', retries: 5, bpmnProcessId: 'jt-kinds', processInstanceKey: key, worker: 'test-worker' });
    expect(JSON.parse(svc.customHeaders)).toEqual({ region: 'nord', office: 'UPD' });
    await raw.call('CompleteJob', { jobKey: svc.key, variables: '{}' });
    const [send] = await activate('jt-send');
    expect(send).toMatchObject({ elementId: 'send', retries: 3 });
    expect(JSON.parse(send.customHeaders)).toEqual({});
    await raw.call('CompleteJob', { jobKey: send.key });
    const [script] = await activate('jt-script');
    expect(script).toMatchObject({ elementId: 'script', type: 'jt-script' });
    await raw.call('CompleteJob', { jobKey: script.key });
    const [rule] = await activate('jt-rule');
    expect(rule).toMatchObject({ elementId: 'rule', retries: 2 });
    await raw.call('CompleteJob', { jobKey: rule.key });
    expect(await instanceCompleted(key)).toBe(true);
    expect(await jobIntents(key)).toEqual(['CREATED', 'ACTIVATED', 'COMPLETED', 'CREATED', 'ACTIVATED', 'COMPLETED', 'CREATED', 'ACTIVATED', 'COMPLETED', 'CREATED', 'ACTIVATED', 'COMPLETED']);
  });

  it('hands a worker only the variables it fetches', async () => {
    // given
    await deployOneTask('jt-fetch', 'jt-fetch');
    await startInstance('jt-fetch', { a: 1, b: { nested: true }, c: 'x' });
    // when
    const [job] = await activate('jt-fetch', { fetchVariable: ['a', 'b', 'missing'] });
    // then
    expect(JSON.parse(job.variables)).toEqual({ a: 1, b: { nested: true } });
  });

  it('FailJob sets the retries to the given absolute value, not a decrement', async () => {
    // given
    await deployOneTask('jt-fail-abs', 'jt-fail-abs');
    const key = await startInstance('jt-fail-abs');
    const [job] = await activate('jt-fail-abs');
    expect(job.retries).toBe(3);
    // when
    await raw.call('FailJob', { jobKey: job.key, retries: 7, errorMessage: 'flaky backend' });
    // then: activatable at once, with 7 retries
    const [again] = await activate('jt-fail-abs');
    expect(again).toMatchObject({ key: job.key, retries: 7 });
    const failed = (await records(h.embedded, key, 'JOB')).find((r) => r.intent === 'FAILED');
    expect(failed?.value).toMatchObject({ retries: 7, errorMessage: 'flaky backend' });
  });

  it('FailJob with a retry back-off keeps the job back until the back-off has passed', async () => {
    // given
    await deployOneTask('jt-backoff', 'jt-backoff');
    const key = await startInstance('jt-backoff');
    const [job] = await activate('jt-backoff');
    // when
    await raw.call('FailJob', { jobKey: job.key, retries: 2, errorMessage: 'later', retryBackOff: 400 });
    // then: not activatable during the back-off, activatable after it with the retries given
    expect(await activate('jt-backoff')).toEqual([]);
    const [again] = await activate('jt-backoff', { requestTimeout: 10_000 });
    expect(again).toMatchObject({ key: job.key, retries: 2 });
    expect(await jobIntents(key)).toEqual(['CREATED', 'ACTIVATED', 'FAILED', 'RECURRED_AFTER_BACKOFF', 'ACTIVATED']);
  });

  it('wakes again for a later lock after a wake-up that found nothing due (the earlier job was completed)', async () => {
    // given: two jobs locked for 300 ms and 900 ms; the first is completed (its instance goes on to a next task)
    const body = straight({ id: 'one', xml: task('one', 'jt-wake-one') }, { id: 'two', xml: task('two', 'jt-wake-two') });
    await deployXml(h.zeebe, 'jt-wake.bpmn', bpmn('jt-wake', body));
    const first = await startInstance('jt-wake');
    const [early] = await activate('jt-wake-one', { timeout: 300, maxJobsToActivate: 1 });
    const second = await startInstance('jt-wake');
    await activate('jt-wake-one', { timeout: 900, maxJobsToActivate: 1 });
    await raw.call('CompleteJob', { jobKey: early.key, variables: '{}' });
    // when: the engine wakes at 300 ms for a lock that is gone
    // then: the 900 ms lock still runs out
    await waitFor(async () => (await jobIntents(second)).includes('TIMED_OUT'), 5_000, 'the second job to time out');
    expect(await jobIntents(second)).toEqual(['CREATED', 'ACTIVATED', 'TIMED_OUT']);
    expect(await jobIntents(first)).toEqual(['CREATED', 'ACTIVATED', 'COMPLETED', 'CREATED']);
  });

  it('a lock timeout makes the job activatable again with retries unchanged; a second completion is NOT_FOUND', async () => {
    // given: worker A takes the job with a short lock
    await deployOneTask('jt-timeout', 'jt-timeout');
    const key = await startInstance('jt-timeout');
    const [first] = await activate('jt-timeout', { worker: 'worker-a', timeout: 200 });
    expect(first.retries).toBe(3);
    // when: the lock runs out and worker B activates it
    await waitFor(async () => (await jobIntents(key)).includes('TIMED_OUT'), 10_000, 'the job to time out');
    const [second] = await activate('jt-timeout', { worker: 'worker-b' });
    // then
    expect(second).toMatchObject({ key: first.key, retries: 3, worker: 'worker-b' });
    // the late worker A may still complete it (CompleteJob accepts ACTIVATED jobs) ...
    await raw.call('CompleteJob', { jobKey: first.key, variables: JSON.stringify({ by: 'a' }) });
    // ... and worker B's completion then finds no job
    const failure = await raw.fail('CompleteJob', { jobKey: second.key, variables: JSON.stringify({ by: 'b' }) });
    expect(failure.code).toBe(grpc.status.NOT_FOUND);
    expect(failure.details).toContain(`Expected to complete job with key '${first.key}', but no such job was found`);
    expect(await jobIntents(key)).toEqual(['CREATED', 'ACTIVATED', 'TIMED_OUT', 'ACTIVATED', 'COMPLETED']);
    const root = (await records(h.embedded, key, 'VARIABLE')).filter((r) => r.value.name === 'by').map((r) => r.value.value);
    expect(root).toEqual(['"a"']);
  });

  it('accepts CompleteJob for a job that is activatable but was never activated', async () => {
    // given
    await deployOneTask('jt-unactivated', 'jt-unactivated');
    const key = await startInstance('jt-unactivated');
    const created = (await records(h.embedded, key, 'JOB')).find((r) => r.intent === 'CREATED');
    // when
    await raw.call('CompleteJob', { jobKey: String(created?.key), variables: '{"direct":true}' });
    // then
    expect(await instanceCompleted(key)).toBe(true);
    expect(await jobIntents(key)).toEqual(['CREATED', 'COMPLETED']);
  });

  it('completing or failing a job that failed without retries is FAILED_PRECONDITION, not NOT_FOUND', async () => {
    // given
    await deployOneTask('jt-failed', 'jt-failed');
    await startInstance('jt-failed');
    const [job] = await activate('jt-failed');
    await raw.call('FailJob', { jobKey: job.key, retries: 0, errorMessage: 'broken' });
    // when
    const complete = await raw.fail('CompleteJob', { jobKey: job.key });
    const fail = await raw.fail('FailJob', { jobKey: job.key, retries: 1 });
    // then
    expect(complete.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(complete.details).toContain(job.key);
    expect(fail.code).toBe(grpc.status.FAILED_PRECONDITION);
  });

  it('answers NOT_FOUND for unknown job keys on every job command', async () => {
    // given
    const unknown = String(2 ** 51 + 999_999);
    // when
    const results = await Promise.all([
      raw.fail('CompleteJob', { jobKey: unknown }),
      raw.fail('FailJob', { jobKey: unknown, retries: 1 }),
      raw.fail('ThrowError', { jobKey: unknown, errorCode: 'E' }),
      raw.fail('UpdateJobRetries', { jobKey: unknown, retries: 2 }),
    ]);
    // then
    for (const result of results) {
      expect(result.code).toBe(grpc.status.NOT_FOUND);
      expect(result.details).toContain(unknown);
    }
  });

  it('refuses UpdateJobRetries below 1 and bad ActivateJobs arguments with INVALID_ARGUMENT', async () => {
    // given
    await deployOneTask('jt-args', 'jt-args');
    await startInstance('jt-args');
    const [job] = await activate('jt-args');
    // when
    const retries = await raw.fail('UpdateJobRetries', { jobKey: job.key, retries: 0 });
    const blankType = await raw.activate({ type: ' ', worker: 'w', timeout: 1000, maxJobsToActivate: 1 }).catch((e: grpc.ServiceError) => e);
    const noTimeout = await raw.activate({ type: 'jt-args', worker: 'w', timeout: 0, maxJobsToActivate: 1 }).catch((e: grpc.ServiceError) => e);
    const noMax = await raw.activate({ type: 'jt-args', worker: 'w', timeout: 1000, maxJobsToActivate: 0 }).catch((e: grpc.ServiceError) => e);
    const blankWorker = await raw.activate({ type: 'jt-args', worker: '', timeout: 1000, maxJobsToActivate: 1 }).catch((e: grpc.ServiceError) => e);
    // then
    expect(retries.code).toBe(grpc.status.INVALID_ARGUMENT);
    for (const result of [blankType, noTimeout, noMax, blankWorker]) expect((result as grpc.ServiceError).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((blankWorker as grpc.ServiceError).details).toBe('Expected to activate job batch with worker to be present, but it was blank');
    // and the job is untouched
    const intents = await jobIntents(job.processInstanceKey);
    expect(intents).toEqual(['CREATED', 'ACTIVATED']);
  });

  it('activates no more than maxJobsToActivate, oldest first', async () => {
    // given
    await deployOneTask('jt-max', 'jt-max');
    const keys = [await startInstance('jt-max'), await startInstance('jt-max'), await startInstance('jt-max')];
    // when
    const first = await activate('jt-max', { maxJobsToActivate: 2 });
    const rest = await activate('jt-max', { maxJobsToActivate: 2 });
    // then
    expect(first.map((j) => j.processInstanceKey)).toEqual(keys.slice(0, 2));
    expect(rest.map((j) => j.processInstanceKey)).toEqual(keys.slice(2));
  });

  it('UpdateJobTimeout moves the deadline of an activated job and refuses a job that is not activated', async () => {
    // given
    await deployOneTask('jt-extend', 'jt-extend');
    const key = await startInstance('jt-extend');
    await startInstance('jt-extend');
    const [job] = await activate('jt-extend', { maxJobsToActivate: 1, timeout: 1000 });
    const [waiting] = (await h.embedded.engine.knex('jobs').where({ type: 'jt-extend', state: 'ACTIVATABLE' })) as { key: number }[];
    // when
    const before = Date.now();
    await raw.call('UpdateJobTimeout', { jobKey: job.key, timeout: 600_000 });
    const refused = await raw.fail('UpdateJobTimeout', { jobKey: String(waiting.key), timeout: 1000 });
    // then
    const row = (await h.embedded.engine.knex('jobs').where('key', Number(job.key)).first()) as { deadline: number };
    expect(row.deadline).toBeGreaterThanOrEqual(before + 600_000);
    expect(refused.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(await jobIntents(key)).toEqual(['CREATED', 'ACTIVATED', 'TIMEOUT_UPDATED']);
  });

  describe('ActivateJobs long polling (requestTimeout)', () => {
    it('returns at once with no jobs when requestTimeout < 0', async () => {
      // when: the call's own deadline is far shorter than any long poll
      const jobs = await new Promise<unknown[]>((resolve, reject) => {
        const client = rawGateway(h.address);
        client.activate({ type: 'jt-none-yet', worker: 'w', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 }).then(resolve, reject).finally(() => client.close());
      });
      // then
      expect(jobs).toEqual([]);
    });

    it('waits up to requestTimeout > 0 and then answers with no jobs', async () => {
      // when
      const jobs = await activate('jt-never', { requestTimeout: 300 });
      // then
      expect(jobs).toEqual([]);
    });

    it('with requestTimeout > 0 hands out a job created while the request waits', async () => {
      // given
      await deployOneTask('jt-poll', 'jt-poll');
      const polling = activate('jt-poll', { requestTimeout: 10_000 });
      await new Promise((r) => setTimeout(r, 200));
      // when
      const key = await startInstance('jt-poll');
      // then
      const jobs = await polling;
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ processInstanceKey: key, elementId: 'work' });
    });

    it('hands out a job created in the same batch as the long poll that found none (no missed wake-up)', async () => {
      // given
      await deployOneTask('jt-poll-same-batch', 'jt-poll-same-batch');
      await deployOneTask('jt-poll-same-batch-other', 'jt-poll-same-batch-other');
      const engine = h.embedded.engine;
      // when: while the processor is busy with another command, the activation and the instance are
      // queued, so one batch processes both: the activation finds nothing, then the job is created and
      // announced before the activation has answered
      const busy = engine.execute({ type: 'createInstance', bpmnProcessId: 'jt-poll-same-batch-other', variables: {} });
      const polling = engine.activateJobs({ jobType: 'jt-poll-same-batch', worker: 'w', timeout: 60_000, maxJobs: 1, fetchVariables: [] }, 5_000);
      const created = engine.execute<{ processInstanceKey: unknown }>({ type: 'createInstance', bpmnProcessId: 'jt-poll-same-batch', variables: {} });
      // then: the waiting request gets the job (a missed wake-up would answer [] when its 5 s run out)
      const jobs = await polling;
      expect(jobs.map((j) => String(j.processInstanceKey))).toEqual([String((await created).processInstanceKey)]);
      await busy;
    });

    it('treats requestTimeout 0 as the gateway default (long poll), not as "return at once"', async () => {
      // given
      await deployOneTask('jt-poll-zero', 'jt-poll-zero');
      let answered = false;
      const polling = activate('jt-poll-zero', { requestTimeout: 0 }).finally(() => {
        answered = true;
      });
      // when: a while passes with no job
      await new Promise((r) => setTimeout(r, 700));
      // then: the request is still waiting, and gets the job once it exists
      expect(answered).toBe(false);
      const key = await startInstance('jt-poll-zero');
      const jobs = await polling;
      expect(jobs.map((j) => j.processInstanceKey)).toEqual([key]);
    });
  });

  describe('StreamActivatedJobs', () => {
    it('pushes jobs that become activatable after the stream opens, but not the backlog', async () => {
      // given: one job waiting before the stream opens
      await deployOneTask('jt-stream', 'jt-stream');
      const backlogKey = await startInstance('jt-stream');
      const stream = raw.stream({ type: 'jt-stream', worker: 'streamer', timeout: 60_000 });
      await new Promise((r) => setTimeout(r, 300));
      // when
      const newKey = await startInstance('jt-stream');
      // then
      await waitFor(async () => stream.jobs.length > 0, 5000, 'a pushed job');
      stream.cancel();
      expect(stream.jobs.map((j) => j.processInstanceKey)).toEqual([newKey]);
      expect(stream.jobs[0]).toMatchObject({ worker: 'streamer', elementId: 'work', type: 'jt-stream' });
      // the backlog is still there for polling workers
      const polled = await activate('jt-stream');
      expect(polled.map((j) => j.processInstanceKey)).toEqual([backlogKey]);
    });

    it('pushes a job again when it becomes activatable again: failed with retries, timed out, incident resolved', async () => {
      // given: a stream-only worker with a short lock
      await deployOneTask('jt-restream', 'jt-restream');
      const stream = raw.stream({ type: 'jt-restream', worker: 'streamer', timeout: 300 });
      await new Promise((r) => setTimeout(r, 300));
      const key = await startInstance('jt-restream');
      await waitFor(async () => stream.jobs.length === 1, 5000, 'the first push');
      const jobKey = stream.jobs[0].key as string;
      // when: the worker fails it with retries left
      await raw.call('FailJob', { jobKey, retries: 2, errorMessage: 'again' });
      // then: pushed again at once
      await waitFor(async () => stream.jobs.length === 2, 5000, 'a push after FailJob');
      expect(stream.jobs[1]).toMatchObject({ key: jobKey, retries: 2 });
      // when: the worker lets the lock run out
      // then: pushed again after TIMED_OUT
      await waitFor(async () => stream.jobs.length === 3, 5000, 'a push after the timeout');
      // when: it fails without retries, retries are updated and the incident resolved
      await raw.call('FailJob', { jobKey, retries: 0, errorMessage: 'stuck' });
      const incident = (await records(h.embedded, key, 'INCIDENT')).find((r) => r.intent === 'CREATED');
      await raw.call('UpdateJobRetries', { jobKey, retries: 1 });
      await raw.call('ResolveIncident', { incidentKey: String(incident?.key) });
      // then
      await waitFor(async () => stream.jobs.length === 4, 5000, 'a push after the incident was resolved');
      stream.cancel();
      expect(stream.jobs.map((j) => j.key)).toEqual([jobKey, jobKey, jobKey, jobKey]);
      expect(await jobIntents(key)).toEqual(['CREATED', 'ACTIVATED', 'FAILED', 'ACTIVATED', 'TIMED_OUT', 'ACTIVATED', 'FAILED', 'RETRIES_UPDATED', 'ACTIVATED']);
    });

    it('serves the SDK streaming worker end to end', async () => {
      // given
      await deployOneTask('jt-sdk-stream', 'jt-sdk-stream');
      const worker = await h.zeebe.streamJobs({
        type: 'jt-sdk-stream',
        worker: 'sdk-streamer',
        timeout: 30_000,
        tenantIds: ['<default>'],
        taskHandler: (job) => job.complete({ doubled: (job.variables.n as number) * 2 }),
      });
      await new Promise((r) => setTimeout(r, 300));
      // when
      const result = await h.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'jt-sdk-stream', variables: { n: 21 }, requestTimeout: 10_000 });
      worker.close();
      // then
      expect(result.variables).toEqual({ n: 21, doubled: 42 });
      const activated = (await records(h.embedded, result.processInstanceKey, 'JOB')).find((r) => r.intent === 'ACTIVATED');
      expect(activated?.value.worker).toBe('sdk-streamer');
    });

    it('serves SDK stream workers under load: every job pushed once and completed, none lost or left locked', async () => {
      // given: three task types, one SDK stream worker each (the benchmark's stream mode)
      const types = ['jt-load-a', 'jt-load-b', 'jt-load-c'];
      const body = straight(...types.map((type, i) => ({ id: `t${i}`, xml: task(`t${i}`, type) })));
      await deployXml(h.zeebe, 'jt-load.bpmn', bpmn('jt-load', body));
      let completed = 0;
      const workers = await Promise.all(
        types.map((type) => h.zeebe.streamJobs({ type, worker: `load-${type}`, timeout: 60_000, tenantIds: [], taskHandler: (job) => job.complete({ [type.replace(/-/g, '_')]: true }) })),
      );
      await new Promise((r) => setTimeout(r, 300));
      // when: 300 instances, 60 creates in flight
      const n = 300;
      const keys: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 60 }, async () => {
          while (next < n) {
            next++;
            keys.push(await startInstance('jt-load', { i: next }));
          }
        }),
      );
      // then: all complete well within the 60 s lock timeout (a lost push would hold its job that long)
      await waitFor(async () => {
        const row = (await h.embedded.engine.knex('process_instances').whereIn('key', keys.map(Number)).andWhere('state', 'COMPLETED').count('* as n').first()) as { n: number };
        completed = Number(row.n);
        return completed === n;
      }, 30_000, `${n} completed instances (got ${completed})`);
      for (const w of workers) w.close();
      const jobRecords = (await h.embedded.engine.knex('records').where('value_type', 'JOB').whereIn('process_instance_key', keys.map(Number)).select('intent')) as { intent: string }[];
      const count = (intent: string) => jobRecords.filter((r) => r.intent === intent).length;
      expect({ created: count('CREATED'), activated: count('ACTIVATED'), completed: count('COMPLETED'), yielded: count('YIELDED'), timedOut: count('TIMED_OUT') }).toEqual({
        created: 3 * n,
        activated: 3 * n,
        completed: 3 * n,
        yielded: 0,
        timedOut: 0,
      });
    });

    it('pushes no more to a client that stops reading, and yields what it never sent at once when the client goes away', async () => {
      // given: a stream whose client does not read, and 60 jobs of 100 KB each
      await deployOneTask('jt-stuck', 'jt-stuck');
      const stream = raw.stream({ type: 'jt-stuck', worker: 'stuck', timeout: 60_000 });
      stream.pause();
      await new Promise((r) => setTimeout(r, 300));
      const blob = 'x'.repeat(100_000);
      const keys: string[] = [];
      for (let i = 0; i < 60; i++) keys.push(await startInstance('jt-stuck', { blob, i }));
      const lockedByStuck = async () =>
        ((await h.embedded.engine.knex('jobs').whereIn('process_instance_key', keys.map(Number)).andWhere({ state: 'ACTIVATED', worker: 'stuck' }).count('* as n').first()) as { n: number }).n;
      // then: once the socket buffers are full and 1 MiB more waits, the stream is not ready (Zeebe:
      // BLOCKED) and later jobs stay activatable for polling workers
      const locked = await lockedByStuck();
      expect(locked).toBeGreaterThan(0);
      expect(locked).toBeLessThan(45);
      const polled = await activate('jt-stuck', { maxJobsToActivate: 100 });
      expect(polled.length).toBe(60 - locked);
      // when: the client goes away while jobs are still waiting to be sent
      stream.cancel();
      // then: those are yielded at once, not held until the 60 s lock timeout
      const yieldedRecords = async () => (await h.embedded.engine.knex('records').where({ value_type: 'JOB', intent: 'YIELDED' }).whereIn('process_instance_key', keys.map(Number)).count('* as n').first()) as { n: number };
      const yielded = Number((await waitFor(async () => ((await yieldedRecords()).n > 0 ? yieldedRecords() : undefined), 5000, 'YIELDED records')).n);
      expect(yielded).toBeGreaterThanOrEqual(5);
      const again = await activate('jt-stuck', { maxJobsToActivate: 100 });
      expect(again.length).toBe(yielded);
      // the rest had reached the socket: delivered as far as the gateway can tell, as in Zeebe
      expect(await lockedByStuck()).toBe(locked - yielded);
      expect(stream.jobs.length).toBe(0);
    });
  });
});
