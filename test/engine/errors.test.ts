import type { JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, records, startHarness, type Harness } from '../support/engineHarness.js';
import { chain, errorBoundary, errorDefinitions, subProcess, task } from '../support/bpmnSnippets.js';
import { grpc, rawGateway, type RawGateway } from '../support/rawGateway.js';

/** BPMN errors: ThrowError, error end events and interrupting error boundary events (ZEEBE-SEMANTICS.md §3, §6). */
describe('BPMN errors', () => {
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

  const deploy = (id: string, body: string, root: string) => deployXml(h.zeebe, `${id}.bpmn`, bpmn(id, body, root));
  const start = async (id: string, variables: JSONDoc = {}) => (await h.zeebe.createProcessInstance({ bpmnProcessId: id, variables })).processInstanceKey;
  const activate = (type: string) => raw.activate({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 });
  const elementIntents = async (key: string) => (await records(h.embedded, key, 'PROCESS_INSTANCE')).map((r) => `${r.element_id}:${r.intent}`);

  describe('boundary events matched by error code', () => {
    // Task `t` has a boundary for code REJECTED and a catch-all boundary.
    beforeAll(async () => {
      await deploy('err-boundary', [
        '<bpmn:startEvent id="start"/>',
        task('t', 'err-boundary'),
        errorBoundary('onRejected', 't', 'rejected'),
        errorBoundary('onAnyError', 't'),
        task('handleRejected', 'err-boundary-rejected'),
        '<bpmn:endEvent id="end"/><bpmn:endEvent id="endAny"/>',
        chain('start', 't', 'end'),
        chain('onRejected', 'handleRejected'),
        chain('onAnyError', 'endAny'),
        '<bpmn:endEvent id="endRejected"/>',
        chain('handleRejected', 'endRejected'),
      ].join('\n'), errorDefinitions({ rejected: 'REJECTED' }));
    });

    it('a code that matches wins over the catch-all; the task is terminated and the error variables arrive', async () => {
      // given
      const key = await start('err-boundary', { request: 'r-1' });
      const [job] = await activate('err-boundary');
      // when
      await raw.call('ThrowError', { jobKey: job.key, errorCode: 'REJECTED', errorMessage: 'not eligible', variables: JSON.stringify({ reason: 'late' }) });
      // then
      const intents = await elementIntents(key);
      expect(intents).toContain('t:ELEMENT_TERMINATED');
      expect(intents).toContain('onRejected:ELEMENT_COMPLETED');
      expect(intents.some((i) => i.startsWith('onAnyError:'))).toBe(false);
      // the job ends with ERROR_THROWN; terminating the task does not cancel it a second time
      expect((await records(h.embedded, key, 'JOB')).filter((r) => r.element_id === 't').map((r) => r.intent)).toEqual(['CREATED', 'ACTIVATED', 'ERROR_THROWN']);
      const [handler] = await activate('err-boundary-rejected');
      expect(JSON.parse(handler.variables)).toEqual({ request: 'r-1', reason: 'late' });
    });

    it('the catch-all catches a code that no boundary names', async () => {
      // given
      const key = await start('err-boundary');
      const [job] = await activate('err-boundary');
      // when
      await raw.call('ThrowError', { jobKey: job.key, errorCode: 'SOMETHING_ELSE' });
      // then
      expect(await completedElements(h.embedded, key)).toEqual(['start', 'onAnyError', 'endAny', 'err-boundary']);
    });
  });

  it('an error thrown inside a sub-process is caught by a boundary on the sub-process, ending everything inside', async () => {
    // given
    await deploy('err-outer', [
      '<bpmn:startEvent id="start"/>',
      subProcess('sub', [
        '<bpmn:startEvent id="subStart"/>',
        '<bpmn:parallelGateway id="fork"/>',
        task('a', 'err-outer-a'),
        task('b', 'err-outer-b'),
        '<bpmn:endEvent id="endA"/><bpmn:endEvent id="endB"/>',
        chain('subStart', 'fork'),
        chain('fork', 'a', 'endA'),
        chain('fork', 'b', 'endB'),
      ].join('')),
      errorBoundary('caught', 'sub', 'fault'),
      '<bpmn:endEvent id="end"/><bpmn:endEvent id="endCaught"/>',
      chain('start', 'sub', 'end'),
      chain('caught', 'endCaught'),
    ].join('\n'), errorDefinitions({ fault: 'FAULT' }));
    const key = await start('err-outer');
    const [a] = await activate('err-outer-a');
    // when
    await raw.call('ThrowError', { jobKey: a.key, errorCode: 'FAULT' });
    // then
    const intents = await elementIntents(key);
    expect(intents).toEqual(expect.arrayContaining(['a:ELEMENT_TERMINATED', 'b:ELEMENT_TERMINATED', 'sub:ELEMENT_TERMINATED', 'caught:ELEMENT_COMPLETED', 'err-outer:ELEMENT_COMPLETED']));
    expect(await activate('err-outer-b')).toEqual([]);
  });

  it('the nearest catching scope wins: a boundary on the task before one on the sub-process', async () => {
    // given
    await deploy('err-nearest', [
      '<bpmn:startEvent id="start"/>',
      subProcess('sub', ['<bpmn:startEvent id="subStart"/>', task('t', 'err-nearest'), errorBoundary('inner', 't', 'fault'), '<bpmn:endEvent id="subEnd"/><bpmn:endEvent id="innerEnd"/>', chain('subStart', 't', 'subEnd'), chain('inner', 'innerEnd')].join('')),
      errorBoundary('outer', 'sub', 'fault'),
      '<bpmn:endEvent id="end"/><bpmn:endEvent id="outerEnd"/>',
      chain('start', 'sub', 'end'),
      chain('outer', 'outerEnd'),
    ].join('\n'), errorDefinitions({ fault: 'FAULT' }));
    const key = await start('err-nearest');
    const [job] = await activate('err-nearest');
    // when
    await raw.call('ThrowError', { jobKey: job.key, errorCode: 'FAULT' });
    // then
    expect(await completedElements(h.embedded, key)).toEqual(['start', 'subStart', 'inner', 'innerEnd', 'sub', 'end', 'err-nearest']);
  });

  it('scopes are searched one by one: a catch-all on the task wins over a matching code further out', async () => {
    // given
    await deploy('err-scope-rule', [
      '<bpmn:startEvent id="start"/>',
      subProcess('sub', ['<bpmn:startEvent id="subStart"/>', task('t', 'err-scope-rule'), errorBoundary('innerAny', 't'), '<bpmn:endEvent id="subEnd"/><bpmn:endEvent id="innerEnd"/>', chain('subStart', 't', 'subEnd'), chain('innerAny', 'innerEnd')].join('')),
      errorBoundary('outerCode', 'sub', 'fault'),
      '<bpmn:endEvent id="end"/><bpmn:endEvent id="outerEnd"/>',
      chain('start', 'sub', 'end'),
      chain('outerCode', 'outerEnd'),
    ].join('\n'), errorDefinitions({ fault: 'FAULT' }));
    const key = await start('err-scope-rule');
    const [job] = await activate('err-scope-rule');
    // when
    await raw.call('ThrowError', { jobKey: job.key, errorCode: 'FAULT' });
    // then
    expect(await completedElements(h.embedded, key)).toEqual(['start', 'subStart', 'innerAny', 'innerEnd', 'sub', 'end', 'err-scope-rule']);
  });

  it('an error end event inside a sub-process is caught by the boundary for its code', async () => {
    // given
    await deploy('err-end', [
      '<bpmn:startEvent id="start"/>',
      subProcess('sub', ['<bpmn:startEvent id="subStart"/>', '<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="missing"/></bpmn:endEvent>', chain('subStart', 'fail')].join('')),
      errorBoundary('onOther', 'sub', 'other'),
      errorBoundary('onMissing', 'sub', 'missing'),
      '<bpmn:endEvent id="end"/><bpmn:endEvent id="otherEnd"/><bpmn:endEvent id="missingEnd"/>',
      chain('start', 'sub', 'end'),
      chain('onOther', 'otherEnd'),
      chain('onMissing', 'missingEnd'),
    ].join('\n'), errorDefinitions({ other: 'OTHER', missing: 'DOCUMENT_MISSING' }));
    // when
    const key = await start('err-end');
    // then
    expect(await completedElements(h.embedded, key)).toEqual(['start', 'subStart', 'onMissing', 'missingEnd', 'err-end']);
    expect(await elementIntents(key)).toContain('sub:ELEMENT_TERMINATED');
  });

  it('an uncaught error raises UNHANDLED_ERROR_EVENT; the job is ERROR_THROWN until the incident is resolved', async () => {
    // given
    await deploy('err-uncaught', ['<bpmn:startEvent id="start"/>', task('t', 'err-uncaught'), '<bpmn:endEvent id="end"/>', chain('start', 't', 'end')].join('\n'), '');
    const key = await start('err-uncaught');
    const [job] = await activate('err-uncaught');
    // when
    await raw.call('ThrowError', { jobKey: job.key, errorCode: 'NOBODY_CATCHES', errorMessage: 'lost' });
    // then
    const [incident] = (await records(h.embedded, key, 'INCIDENT')).filter((r) => r.intent === 'CREATED');
    expect(incident.value).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 't', jobKey: Number(job.key) });
    expect(String(incident.value.errorMessage)).toContain('NOBODY_CATCHES');
    const complete = await raw.fail('CompleteJob', { jobKey: job.key });
    expect(complete.code).toBe(grpc.status.FAILED_PRECONDITION);
    const rethrow = await raw.fail('ThrowError', { jobKey: job.key, errorCode: 'AGAIN' });
    expect(rethrow.code).toBe(grpc.status.FAILED_PRECONDITION);
    // when: the incident is resolved
    await raw.call('ResolveIncident', { incidentKey: String(incident.key) });
    // then: the job can be worked again
    const [again] = await activate('err-uncaught');
    expect(again.key).toBe(job.key);
    await raw.call('CompleteJob', { jobKey: again.key });
    expect((await completedElements(h.embedded, key)).at(-1)).toBe('err-uncaught');
  });

  it('an SDK worker returning job.error() takes the boundary path', async () => {
    // given
    await deploy('err-sdk', [
      '<bpmn:startEvent id="start"/>',
      task('t', 'err-sdk'),
      errorBoundary('caught', 't', 'e'),
      '<bpmn:endEvent id="end"/><bpmn:endEvent id="caughtEnd"/>',
      chain('start', 't', 'end'),
      chain('caught', 'caughtEnd'),
    ].join('\n'), errorDefinitions({ e: 'BUSINESS' }));
    const worker = h.zeebe.createWorker({ taskType: 'err-sdk', taskHandler: (job) => job.error({ errorCode: 'BUSINESS', errorMessage: 'rule broken', variables: { why: 'rule' } }) });
    // when
    const result = await h.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'err-sdk', variables: {}, requestTimeout: 10_000 });
    await worker.close();
    // then
    expect(result.variables).toEqual({ why: 'rule' });
    expect(await completedElements(h.embedded, result.processInstanceKey)).toEqual(['start', 'caught', 'caughtEnd', 'err-sdk']);
  });
});
