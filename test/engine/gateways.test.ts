import type { JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';
import { chain, flow, subProcess, task } from '../support/bpmnSnippets.js';
import { rawGateway, type RawGateway } from '../support/rawGateway.js';

/** Gateways, embedded sub-processes and end events (ZEEBE-SEMANTICS.md §5, §6). */
describe('gateways and flow', () => {
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

  const deploy = (id: string, body: string) => deployXml(h.zeebe, `${id}.bpmn`, bpmn(id, body));
  const start = async (id: string, variables: JSONDoc = {}) => (await h.zeebe.createProcessInstance({ bpmnProcessId: id, variables })).processInstanceKey;
  const activate = (type: string) => raw.activate({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 });
  const elementRecords = (key: string) => records(h.embedded, key, 'PROCESS_INSTANCE');
  const incidents = async (key: string) => (await records(h.embedded, key, 'INCIDENT')).filter((r) => r.intent === 'CREATED').map((r) => r.value);
  const takenFlows = async (key: string) => (await elementRecords(key)).filter((r) => r.intent === 'SEQUENCE_FLOW_TAKEN').map((r) => r.element_id);

  describe('exclusive gateway', () => {
    // Flows in XML order: to_a (x > 5), to_b (x > 1), to_c (default).
    const body = [
      '<bpmn:startEvent id="start"/>',
      '<bpmn:exclusiveGateway id="split" default="to_c"/>',
      '<bpmn:endEvent id="endA"/><bpmn:endEvent id="endB"/><bpmn:endEvent id="endC"/>',
      chain('start', 'split'),
      flow('to_a', 'split', 'endA', '=x > 5'),
      flow('to_b', 'split', 'endB', '=x > 1'),
      flow('to_c', 'split', 'endC'),
    ].join('\n');
    beforeAll(async () => {
      await deploy('gw-xor', body);
    });

    it('takes the first flow in XML order whose condition is true, even when later ones are true too', async () => {
      // when
      const key = await start('gw-xor', { x: 10 });
      // then
      expect(await takenFlows(key)).toEqual(['start_split', 'to_a']);
      expect(await completedElements(h.embedded, key)).toEqual(['start', 'split', 'endA', 'gw-xor']);
    });

    it('takes a later flow when the earlier conditions are false', async () => {
      // when
      const key = await start('gw-xor', { x: 3 });
      // then
      expect(await completedElements(h.embedded, key)).toEqual(['start', 'split', 'endB', 'gw-xor']);
    });

    it('takes the default flow when no condition is true', async () => {
      // when
      const key = await start('gw-xor', { x: 0 });
      // then
      expect(await completedElements(h.embedded, key)).toEqual(['start', 'split', 'endC', 'gw-xor']);
    });

    it.each([
      ['a string', { flag: 'yes', n: 0 }, 'flag'],
      ['null (unknown variable in a comparison)', { n: 0 }, 'missing > 1'],
    ])('raises EXTRACT_VALUE_ERROR when a condition gives %s, and does not fall back to the default', async (_, variables, expression) => {
      // given: the first condition is not boolean; a default flow exists
      const id = `gw-xor-nonbool-${expression === 'flag' ? 'string' : 'null'}`;
      await deploy(id, [
        '<bpmn:startEvent id="start"/>',
        '<bpmn:exclusiveGateway id="split" default="to_default"/>',
        '<bpmn:endEvent id="endA"/><bpmn:endEvent id="endDefault"/>',
        chain('start', 'split'),
        flow('to_a', 'split', 'endA', `=${expression}`),
        flow('to_default', 'split', 'endDefault'),
      ].join('\n'));
      // when
      const key = await start(id, variables);
      // then
      const [incident] = await incidents(key);
      expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'split' });
      expect(String(incident.errorMessage)).toContain(expression);
      const split = (await elementRecords(key)).filter((r) => r.element_id === 'split').map((r) => r.intent);
      expect(split).toEqual(['ELEMENT_ACTIVATING']);
      expect(await takenFlows(key)).toEqual(['start_split']);
    });

    it('raises CONDITION_ERROR when nothing is true and there is no default; resolving re-evaluates with new variables', async () => {
      // given
      await deploy('gw-xor-nodefault', [
        '<bpmn:startEvent id="start"/>',
        '<bpmn:exclusiveGateway id="split"/>',
        '<bpmn:endEvent id="endA"/><bpmn:endEvent id="endB"/>',
        chain('start', 'split'),
        flow('to_a', 'split', 'endA', '=x = 1'),
        flow('to_b', 'split', 'endB', '=x = 2'),
      ].join('\n'));
      const key = await start('gw-xor-nodefault', { x: 3 });
      const [incident] = (await records(h.embedded, key, 'INCIDENT')).filter((r) => r.intent === 'CREATED');
      expect(incident.value).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'split' });
      // when
      await h.zeebe.setVariables({ elementInstanceKey: key, variables: { x: 2 }, local: false });
      await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
      // then
      expect(await completedElements(h.embedded, key)).toEqual(['start', 'split', 'endB', 'gw-xor-nodefault']);
    });

    it('ends the path when it has no outgoing flow (implicit end)', async () => {
      // given
      await deploy('gw-xor-implicit', ['<bpmn:startEvent id="start"/>', '<bpmn:exclusiveGateway id="deadEnd"/>', chain('start', 'deadEnd')].join('\n'));
      // when
      const key = await start('gw-xor-implicit');
      // then
      expect(await completedElements(h.embedded, key)).toEqual(['start', 'deadEnd', 'gw-xor-implicit']);
    });

    it('passes tokens straight through when used as a join', async () => {
      // given: a parallel fork whose two branches meet at an exclusive gateway
      await deploy('gw-xor-join', [
        '<bpmn:startEvent id="start"/>',
        '<bpmn:parallelGateway id="fork"/>',
        '<bpmn:exclusiveGateway id="merge"/>',
        task('after', 'gw-xor-join-after'),
        '<bpmn:endEvent id="end"/>',
        chain('start', 'fork'),
        flow('f1', 'fork', 'merge'),
        flow('f2', 'fork', 'merge'),
        chain('merge', 'after', 'end'),
      ].join('\n'));
      // when
      const key = await start('gw-xor-join');
      // then: each token passes the merge and activates the task once
      const jobs = await activate('gw-xor-join-after');
      expect(jobs).toHaveLength(2);
      expect((await completedElements(h.embedded, key)).filter((id) => id === 'merge')).toHaveLength(2);
    });
  });

  describe('parallel gateway', () => {
    it('forks to every outgoing flow and joins when all incoming flows were taken', async () => {
      // given
      await deploy('gw-and', [
        '<bpmn:startEvent id="start"/>',
        '<bpmn:parallelGateway id="fork"/>',
        task('a', 'gw-and-a'),
        task('b', 'gw-and-b'),
        '<bpmn:parallelGateway id="join"/>',
        '<bpmn:endEvent id="end"/>',
        chain('start', 'fork'),
        chain('fork', 'a', 'join'),
        chain('fork', 'b', 'join'),
        chain('join', 'end'),
      ].join('\n'));
      const key = await start('gw-and');
      const [a] = await activate('gw-and-a');
      const [b] = await activate('gw-and-b');
      // when: only one branch is done
      await raw.call('CompleteJob', { jobKey: a.key });
      // then: the join waits
      expect((await elementRecords(key)).some((r) => r.element_id === 'join')).toBe(false);
      // when: the other branch is done
      await raw.call('CompleteJob', { jobKey: b.key });
      // then: the join fires once and the instance completes
      const path = await completedElements(h.embedded, key);
      expect(path.filter((id) => id === 'join')).toHaveLength(1);
      expect(path.slice(-3)).toEqual(['join', 'end', 'gw-and']);
    });

    it('counts arrivals per distinct flow: two tokens on one flow do not fire the join', async () => {
      // given: a and b both reach the join through the same flow (m_join); c through c_join
      await deploy('gw-and-flows', [
        '<bpmn:startEvent id="start"/>',
        '<bpmn:parallelGateway id="fork"/>',
        task('a', 'gw-flows-a'),
        task('b', 'gw-flows-b'),
        task('c', 'gw-flows-c'),
        '<bpmn:exclusiveGateway id="m"/>',
        '<bpmn:parallelGateway id="join"/>',
        '<bpmn:endEvent id="end"/>',
        chain('start', 'fork'),
        chain('fork', 'a', 'm'),
        chain('fork', 'b', 'm'),
        chain('fork', 'c', 'join'),
        chain('m', 'join', 'end'),
      ].join('\n'));
      const key = await start('gw-and-flows');
      // when: a and b complete, c does not
      for (const type of ['gw-flows-a', 'gw-flows-b']) {
        const [job] = await activate(type);
        await raw.call('CompleteJob', { jobKey: job.key });
      }
      // then
      expect((await elementRecords(key)).some((r) => r.element_id === 'join')).toBe(false);
      // when: c completes
      const [c] = await activate('gw-flows-c');
      await raw.call('CompleteJob', { jobKey: c.key });
      // then: the join fires exactly once; the extra token on m_join keeps waiting
      const joins = (await elementRecords(key)).filter((r) => r.element_id === 'join' && r.intent === 'ELEMENT_ACTIVATING');
      expect(joins).toHaveLength(1);
      expect((await completedElements(h.embedded, key)).includes('gw-and-flows')).toBe(false);
    });
  });

  describe('embedded sub-process and end events', () => {
    it('runs an embedded sub-process from its none start event and continues after it', async () => {
      // given
      await deploy('gw-sub', [
        '<bpmn:startEvent id="start"/>',
        subProcess('sub', ['<bpmn:startEvent id="subStart"/>', task('inner', 'gw-sub-inner'), '<bpmn:endEvent id="subEnd"/>', chain('subStart', 'inner', 'subEnd')].join('')),
        task('after', 'gw-sub-after'),
        '<bpmn:endEvent id="end"/>',
        chain('start', 'sub', 'after', 'end'),
      ].join('\n'));
      const key = await start('gw-sub');
      // when
      const [inner] = await activate('gw-sub-inner');
      await raw.call('CompleteJob', { jobKey: inner.key });
      const [after] = await activate('gw-sub-after');
      await raw.call('CompleteJob', { jobKey: after.key });
      // then
      expect(await completedElements(h.embedded, key)).toEqual(['start', 'subStart', 'inner', 'subEnd', 'sub', 'after', 'end', 'gw-sub']);
      // the task's flow scope is the sub-process, whose flow scope is the process instance
      const activating = (await elementRecords(key)).filter((r) => r.intent === 'ELEMENT_ACTIVATING');
      const sub = activating.find((r) => r.element_id === 'sub');
      expect(sub?.value.flowScopeKey).toBe(Number(key));
      expect(activating.find((r) => r.element_id === 'inner')?.value.flowScopeKey).toBe(sub?.key);
    });

    it('a terminate end event completes the process instance and terminates what else is running', async () => {
      // given: one branch waits on a job, the other reaches a terminate end event
      await deploy('gw-terminate', [
        '<bpmn:startEvent id="start"/>',
        '<bpmn:parallelGateway id="fork"/>',
        task('slow', 'gw-terminate-slow'),
        '<bpmn:endEvent id="end"/>',
        '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition/></bpmn:endEvent>',
        chain('start', 'fork'),
        chain('fork', 'slow', 'end'),
        chain('fork', 'kill'),
      ].join('\n'));
      // when
      const key = await start('gw-terminate');
      // then
      const intents = (await elementRecords(key)).map((r) => `${r.element_id}:${r.intent}`);
      expect(intents).toContain('slow:ELEMENT_TERMINATED');
      expect(intents).toContain('gw-terminate:ELEMENT_COMPLETED');
      expect(intents).not.toContain('gw-terminate:ELEMENT_TERMINATED');
      expect((await records(h.embedded, key, 'JOB')).map((r) => r.intent)).toEqual(['CREATED', 'CANCELED']);
      expect(await activate('gw-terminate-slow')).toEqual([]);
    });

    it('a terminate end event inside a sub-process ends only the sub-process', async () => {
      // given
      await deploy('gw-terminate-sub', [
        '<bpmn:startEvent id="start"/>',
        subProcess('sub', [
          '<bpmn:startEvent id="subStart"/>',
          '<bpmn:parallelGateway id="fork"/>',
          task('slow', 'gw-terminate-sub-slow'),
          '<bpmn:endEvent id="subEnd"/>',
          '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition/></bpmn:endEvent>',
          chain('subStart', 'fork'),
          chain('fork', 'slow', 'subEnd'),
          chain('fork', 'kill'),
        ].join('')),
        task('after', 'gw-terminate-sub-after'),
        '<bpmn:endEvent id="end"/>',
        chain('start', 'sub', 'after', 'end'),
      ].join('\n'));
      // when
      const key = await start('gw-terminate-sub');
      // then: the sub-process completed and the process went on to `after`
      const [after] = await activate('gw-terminate-sub-after');
      expect(after.processInstanceKey).toBe(key);
      const intents = (await elementRecords(key)).map((r) => `${r.element_id}:${r.intent}`);
      expect(intents).toContain('slow:ELEMENT_TERMINATED');
      expect(intents).toContain('sub:ELEMENT_COMPLETED');
      await raw.call('CompleteJob', { jobKey: after.key });
      await waitFor(async () => (await completedElements(h.embedded, key)).includes('gw-terminate-sub'), 5000, 'the instance to complete');
    });
  });
});
