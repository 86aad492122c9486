import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

// A referral (segnalazione) starts a case; the case waits at a job nobody works on until the test completes it.
const referral = bpmn('referral', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="referral-work" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />`, '<bpmn:message id="m" name="segnalazione-comune" />');

describe('message start events', () => {
  let h: Harness;
  const instances = async () => (await h.embedded.engine.knex('process_instances').where('bpmn_process_id', 'referral').orderBy('key')) as { key: number; state: string }[];
  beforeAll(async () => {
    h = await startHarness();
    await deployXml(h.zeebe, 'referral.bpmn', referral);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('starts no second instance for the same correlation key while the first runs; the buffered message starts it afterwards', async () => {
    // given
    await h.zeebe.publishMessage({ name: 'segnalazione-comune', correlationKey: 'DIP-1', variables: { n: 1 }, timeToLive: 60_000 });
    await waitFor(async () => (await instances()).length === 1, 3000, 'first instance');
    // when a second message with the same key arrives while the first case is open
    await h.zeebe.publishMessage({ name: 'segnalazione-comune', correlationKey: 'DIP-1', variables: { n: 2 }, timeToLive: 60_000 });
    await new Promise((r) => setTimeout(r, 150));
    // then
    expect(await instances()).toHaveLength(1);
    // when the first case ends
    const jobs = await h.zeebe.activateJobs({ type: 'referral-work', worker: 'test', maxJobsToActivate: 1, timeout: 10_000, requestTimeout: -1 } as never);
    await h.zeebe.completeJob({ jobKey: (jobs as unknown as { key: string }[])[0].key, variables: {} });
    // then the buffered message starts the next one, with its own payload
    const both = await waitFor(async () => {
      const rows = await instances();
      return rows.length === 2 && rows;
    }, 3000, 'second instance');
    expect(both[0].state).toBe('COMPLETED');
    const n = await h.embedded.engine.knex('variables').where({ scope_key: both[1].key, name: 'n' }).first();
    expect(JSON.parse(n.value)).toBe(2);
  });

  it('an empty correlation key always starts an instance', async () => {
    // given
    const before = (await instances()).length;
    // when
    await h.zeebe.publishMessage({ name: 'segnalazione-comune', correlationKey: '', variables: {}, timeToLive: 0 });
    await h.zeebe.publishMessage({ name: 'segnalazione-comune', correlationKey: '', variables: {}, timeToLive: 0 });
    // then
    await waitFor(async () => (await instances()).length === before + 2, 3000, 'two instances');
  });
});
