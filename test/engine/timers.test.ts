import { afterEach, describe, expect, it } from 'vitest';
import { EngineClock } from '../../src/engine/clock.js';
import { bpmn, completedElements, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 3_600_000;

async function instanceState(h: Harness, key: string | number): Promise<string | undefined> {
  const row = await h.embedded.engine.knex('process_instances').where('key', Number(key)).first();
  return row?.state;
}

const catchTimer = (duration: string) =>
  bpmn('catch-timer', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />`);

describe('timers', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('an intermediate timer never fires early and fires once the pinned clock passes its due date', async () => {
    // given
    const clock = new EngineClock();
    clock.pin(T0);
    h = await startHarness({ clock });
    await deployXml(h.zeebe, 'catch-timer.bpmn', catchTimer('PT1H'));
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-timer', variables: {} });
    // when the clock moves to just before the due date
    clock.pin(T0 + HOUR - 1000);
    await new Promise((r) => setTimeout(r, 200));
    // then it still waits
    expect(await instanceState(h, processInstanceKey)).toBe('ACTIVE');
    // when the clock passes it
    clock.pin(T0 + HOUR + 1000);
    // then
    await waitFor(async () => (await instanceState(h, processInstanceKey)) === 'COMPLETED', 5000, 'timer to fire');
    expect(await completedElements(h.embedded, processInstanceKey)).toEqual(['start', 'wait', 'end', 'catch-timer']);
    const triggered = await h.embedded.engine.knex('records').where({ value_type: 'TIMER', intent: 'TRIGGERED', process_instance_key: Number(processInstanceKey) });
    expect(triggered).toHaveLength(1);
  });

  it('takes a FEEL timer expression from the variables (120-day legal deadline, then jump ahead)', async () => {
    // given
    const clock = new EngineClock();
    clock.pin(T0);
    h = await startHarness({ clock });
    await deployXml(h.zeebe, 'catch-timer.bpmn', catchTimer('=termine'));
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-timer', variables: { termine: 'P120D' } });
    // when
    clock.pin(T0 + 119 * 24 * HOUR);
    await new Promise((r) => setTimeout(r, 150));
    expect(await instanceState(h, processInstanceKey)).toBe('ACTIVE');
    clock.pin(T0 + 120 * 24 * HOUR);
    // then
    await waitFor(async () => (await instanceState(h, processInstanceKey)) === 'COMPLETED', 5000, 'timer to fire');
  });

  it('a timer expression that evaluates to the wrong type raises an incident naming the element', async () => {
    // given
    h = await startHarness();
    await deployXml(h.zeebe, 'catch-timer.bpmn', catchTimer('=termine'));
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-timer', variables: { termine: 42 } });
    // then
    const incident = await waitFor(() => h.embedded.engine.knex('incidents').where('process_instance_key', Number(processInstanceKey)).first(), 3000, 'incident');
    expect(incident.error_type).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.element_id).toBe('wait');
  });

  it('a waiting timer survives a restart and fires once afterwards', async () => {
    // given
    const clock = new EngineClock();
    clock.pin(T0);
    h = await startHarness({ clock });
    const dataDir = h.dataDir;
    await deployXml(h.zeebe, 'catch-timer.bpmn', catchTimer('PT2H'));
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'catch-timer', variables: {} });
    await h.stop();
    // when
    const later = new EngineClock();
    later.pin(T0 + 3 * HOUR);
    h = await startHarness({ clock: later, dataDir });
    // then
    await waitFor(async () => (await instanceState(h, processInstanceKey)) === 'COMPLETED', 5000, 'timer to fire after restart');
    const triggered = await h.embedded.engine.knex('records').where({ value_type: 'TIMER', intent: 'TRIGGERED', process_instance_key: Number(processInstanceKey) });
    expect(triggered).toHaveLength(1);
  });

  it('an interrupting boundary timer (perentorio) ends the task; a non-interrupting cycle (ordinatorio) repeats R3 times', async () => {
    // given
    const clock = new EngineClock();
    clock.pin(T0);
    h = await startHarness({ clock });
    await deployXml(h.zeebe, 'boundary.bpmn', bpmn('boundary-timers', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="never-done" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
      <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
      <bpmn:boundaryEvent id="reminder" attachedToRef="work" cancelActivity="false"><bpmn:outgoing>f3</bpmn:outgoing>
        <bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="reminded"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
      <bpmn:boundaryEvent id="deadline" attachedToRef="work"><bpmn:outgoing>f4</bpmn:outgoing>
        <bpmn:timerEventDefinition><bpmn:timeDuration>PT10H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="estinto"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
      <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done" />
      <bpmn:sequenceFlow id="f3" sourceRef="reminder" targetRef="reminded" />
      <bpmn:sequenceFlow id="f4" sourceRef="deadline" targetRef="estinto" />`));
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'boundary-timers', variables: {} });
    // when the clock walks hour by hour
    for (let hour = 1; hour <= 5; hour++) {
      clock.pin(T0 + hour * HOUR + 1000);
      await waitFor(async () => {
        const n = await h.embedded.engine.knex('records').where({ value_type: 'TIMER', intent: 'TRIGGERED', process_instance_key: Number(processInstanceKey) }).count({ n: '*' });
        return Number(n[0].n) >= Math.min(hour, 3);
      }, 3000, `reminder ${hour}`);
    }
    expect(await instanceState(h, processInstanceKey)).toBe('ACTIVE');
    clock.pin(T0 + 10 * HOUR + 1000);
    // then
    await waitFor(async () => (await instanceState(h, processInstanceKey)) === 'COMPLETED', 5000, 'deadline');
    const done = await completedElements(h.embedded, processInstanceKey);
    expect(done.filter((id) => id === 'reminded')).toHaveLength(3);
    expect(done).toContain('estinto');
    expect(done).not.toContain('done');
    const jobs = await h.embedded.engine.knex('jobs').where('process_instance_key', Number(processInstanceKey));
    expect(jobs).toHaveLength(0);
  });

  it('a timer start event with a date starts one instance when due; a new version replaces it', async () => {
    // given
    const clock = new EngineClock();
    clock.pin(T0);
    h = await startHarness({ clock });
    const startAt = (date: string) => bpmn('timer-start', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing>
        <bpmn:timerEventDefinition><bpmn:timeDate>${date}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`);
    await deployXml(h.zeebe, 'timer-start.bpmn', startAt('2026-01-05T10:00:00Z'));
    await deployXml(h.zeebe, 'timer-start.bpmn', startAt('2026-01-05T12:00:00Z'));
    // when
    clock.pin(T0 + 1.5 * HOUR);
    await new Promise((r) => setTimeout(r, 200));
    // then the first version's timer is gone
    expect(await h.embedded.engine.knex('process_instances').where('bpmn_process_id', 'timer-start')).toHaveLength(0);
    clock.pin(T0 + 3 * HOUR + 1000);
    const started = await waitFor(async () => {
      const rows = await h.embedded.engine.knex('process_instances').where('bpmn_process_id', 'timer-start');
      return rows.length > 0 && rows;
    }, 3000, 'timer start');
    expect(started).toHaveLength(1);
    expect(started[0].version).toBe(2);
  });
});
