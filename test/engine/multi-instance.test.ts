import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

/** Multi-instance activities as ZEEBE-SEMANTICS.md §8 describes them, driven through @camunda8/sdk. */

interface LoopOptions {
  sequential?: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

function loop(options: LoopOptions): string {
  const attrs = [
    options.inputCollection !== undefined ? ` inputCollection="${options.inputCollection}"` : '',
    options.inputElement ? ` inputElement="${options.inputElement}"` : '',
    options.outputCollection ? ` outputCollection="${options.outputCollection}"` : '',
    options.outputElement ? ` outputElement="${options.outputElement}"` : '',
  ].join('');
  const condition = options.completionCondition
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${options.completionCondition.replace(/>/g, '&gt;').replace(/</g, '&lt;')}</bpmn:completionCondition>`
    : '';
  return `<bpmn:multiInstanceLoopCharacteristics${options.sequential ? ' isSequential="true"' : ''}><bpmn:extensionElements><zeebe:loopCharacteristics${attrs}/></bpmn:extensionElements>${condition}</bpmn:multiInstanceLoopCharacteristics>`;
}

function miTask(id: string, type: string, options: LoopOptions, io = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/>${io}</bpmn:extensionElements>${loop(options)}</bpmn:serviceTask>`;
}

/** start → body → end, plus extra elements. */
function around(id: string, element: string, extra = ''): string {
  return `<bpmn:startEvent id="start"/>${element}<bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${id}"/><bpmn:sequenceFlow id="f2" sourceRef="${id}" targetRef="end"/>${extra}`;
}

describe('multi-instance', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const activate = async (type: string, max = 10) =>
    h.zeebe.activateJobs({ type, worker: 'mi-test', timeout: 60_000, maxJobsToActivate: max, requestTimeout: -1 } as never);
  const start = async (processId: string, variables: Record<string, unknown>) =>
    (await h.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: variables as never })).processInstanceKey;
  const rootVariables = async (key: string) => {
    const rows = (await h.embedded.engine.knex('variables').where('scope_key', Number(key))) as { name: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value)]));
  };
  const instanceState = async (key: string) => ((await h.embedded.engine.knex('process_instances').where('key', Number(key)).first()) as { state: string }).state;
  const lifecycle = async (key: string, elementId: string) =>
    (await records(h.embedded, key, 'PROCESS_INSTANCE')).filter((r) => r.element_id === elementId).map((r) => `${r.value.bpmnElementType}:${r.intent}`);

  it('runs parallel iterations with a local input element, 1-based loopCounter and ordered output collection', async () => {
    // given
    await deployXml(h.zeebe, 'mi-par.bpmn', bpmn('mi-par', around('review', miTask('review', 'mi-par-review', {
      inputCollection: '=comuni', inputElement: 'comune', outputCollection: 'results', outputElement: '=result',
    }))));
    const key = await start('mi-par', { comuni: ['Bra', 'Alba', 'Cuneo'] });
    // when: all three jobs exist at once; complete them in reverse order
    const jobs = await activate('mi-par-review');
    expect(jobs).toHaveLength(3);
    expect(jobs.map((j) => [j.variables.comune, j.variables.loopCounter])).toEqual([['Bra', 1], ['Alba', 2], ['Cuneo', 3]]);
    for (const job of [...jobs].reverse()) await h.zeebe.completeJob({ jobKey: job.key, variables: { result: `${String(job.variables.comune)}!` } });
    // then
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    const variables = await rootVariables(key);
    expect(variables.results).toEqual(['Bra!', 'Alba!', 'Cuneo!']);
    // inputElement, loopCounter and the output element stay local to each iteration
    expect(variables).not.toHaveProperty('comune');
    expect(variables).not.toHaveProperty('loopCounter');
    expect(variables).not.toHaveProperty('result');
    const review = await lifecycle(key, 'review');
    expect(review.slice(0, 2)).toEqual(['multiInstanceBody:ELEMENT_ACTIVATING', 'multiInstanceBody:ELEMENT_ACTIVATED']);
    expect(review.filter((r) => r === 'serviceTask:ELEMENT_COMPLETED')).toHaveLength(3);
    expect(review[review.length - 1]).toBe('multiInstanceBody:ELEMENT_COMPLETED');
    // the body, not each iteration, takes the outgoing flow
    const taken = (await records(h.embedded, key, 'PROCESS_INSTANCE')).filter((r) => r.intent === 'SEQUENCE_FLOW_TAKEN').map((r) => r.element_id);
    expect(taken).toEqual(['f1', 'f2']);
  });

  it('runs sequential iterations one at a time, each seeing its own item', async () => {
    // given
    await deployXml(h.zeebe, 'mi-seq.bpmn', bpmn('mi-seq', around('step', miTask('step', 'mi-seq-step', {
      sequential: true, inputCollection: '=[10, 20, 30]', inputElement: 'n', outputCollection: 'doubled', outputElement: '=n * 2',
    }))));
    const key = await start('mi-seq', {});
    const seen: unknown[] = [];
    // when
    for (let i = 0; i < 3; i++) {
      const jobs = await activate('mi-seq-step');
      expect(jobs).toHaveLength(1);
      seen.push(jobs[0].variables.n);
      await h.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} });
    }
    // then
    expect(seen).toEqual([10, 20, 30]);
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    expect((await rootVariables(key)).doubled).toEqual([20, 40, 60]);
  });

  it('terminates the remaining iterations once the completion condition holds, with the counters readable', async () => {
    // given: done when two have completed
    await deployXml(h.zeebe, 'mi-cond.bpmn', bpmn('mi-cond', around('vote', miTask('vote', 'mi-cond-vote', {
      inputCollection: '=voters', inputElement: 'voter', outputCollection: 'votes', outputElement: '=voter',
      completionCondition: '=numberOfCompletedInstances >= 2 and numberOfInstances = 4 and numberOfActiveInstances = 2',
    }))));
    const key = await start('mi-cond', { voters: ['a', 'b', 'c', 'd'] });
    const jobs = await activate('mi-cond-vote');
    expect(jobs).toHaveLength(4);
    // when
    await h.zeebe.completeJob({ jobKey: jobs[1].key, variables: {} });
    expect(await instanceState(key)).toBe('ACTIVE');
    await h.zeebe.completeJob({ jobKey: jobs[3].key, variables: {} });
    // then
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    expect((await rootVariables(key)).votes).toEqual([null, 'b', null, 'd']);
    const intents = (await records(h.embedded, key, 'JOB')).map((r) => r.intent);
    expect(intents.filter((i) => i === 'CANCELED')).toHaveLength(2);
    expect((await lifecycle(key, 'vote')).filter((r) => r === 'serviceTask:ELEMENT_TERMINATED')).toHaveLength(2);
    await expect(h.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });

  it('stops a sequential multi-instance early when its completion condition holds', async () => {
    // given
    await deployXml(h.zeebe, 'mi-seq-cond.bpmn', bpmn('mi-seq-cond', around('try', miTask('try', 'mi-seq-cond-try', {
      sequential: true, inputCollection: '=[1,2,3,4]', inputElement: 'n', completionCondition: '=found = true',
    }))));
    const key = await start('mi-seq-cond', {});
    // when
    let [job] = await activate('mi-seq-cond-try');
    await h.zeebe.completeJob({ jobKey: job.key, variables: { found: false } });
    [job] = await activate('mi-seq-cond-try');
    expect(job.variables.n).toBe(2);
    await h.zeebe.completeJob({ jobKey: job.key, variables: { found: true } });
    // then
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    expect(await activate('mi-seq-cond-try')).toEqual([]);
    expect((await lifecycle(key, 'try')).filter((r) => r === 'serviceTask:ELEMENT_ACTIVATED')).toHaveLength(2);
  });

  it('raises an incident on the iteration when its output element fails, and finishes it once resolved', async () => {
    // given
    await deployXml(h.zeebe, 'mi-out-err.bpmn', bpmn('mi-out-err', around('calc', miTask('calc', 'mi-out-err-calc', {
      inputCollection: '=[1]', outputCollection: 'out', outputElement: '=assert(res, res != null)',
    }))));
    const key = await start('mi-out-err', {});
    const [job] = await activate('mi-out-err-calc');
    // when
    await h.zeebe.completeJob({ jobKey: job.key, variables: {} });
    // then
    const incident = (await h.embedded.engine.knex('incidents').where('process_instance_key', Number(key)).first()) as { key: number; error_type: string; element_instance_key: number };
    expect(incident).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_instance_key: Number(job.elementInstanceKey) });
    // when
    await h.zeebe.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { res: 42 }, local: true } as never);
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // then
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    expect((await rootVariables(key)).out).toEqual([42]);
  });

  it('completes at once with an empty output collection when the input is empty', async () => {
    // given
    await deployXml(h.zeebe, 'mi-empty.bpmn', bpmn('mi-empty', around('none', miTask('none', 'mi-empty-never', {
      inputCollection: '=items', outputCollection: 'out', outputElement: '=x',
    }))));
    // when
    const result = await h.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'mi-empty', variables: { items: [] } });
    // then
    expect(result.variables).toEqual({ items: [], out: [] });
  });

  it('raises EXTRACT_VALUE_ERROR when the input collection is not a list, and continues once fixed', async () => {
    // given
    await deployXml(h.zeebe, 'mi-bad.bpmn', bpmn('mi-bad', around('each', miTask('each', 'mi-bad-each', { inputCollection: '=items' }))));
    const key = await start('mi-bad', { items: 'not a list' });
    // then
    const incident = await waitFor(async () => (await h.embedded.engine.knex('incidents').where('process_instance_key', Number(key)).first()) as
      { key: number; error_type: string; element_id: string; error_message: string; element_instance_key: number } | undefined);
    expect(incident).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_id: 'each' });
    expect(incident.error_message).toMatch(/ARRAY/);
    // when
    await h.zeebe.setVariables({ elementInstanceKey: String(key), variables: { items: [1, 2] }, local: false } as never);
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // then
    expect(await activate('mi-bad-each')).toHaveLength(2);
  });

  it('runs an embedded sub-process per item, with input and output mappings per iteration', async () => {
    // given
    const sub = `<bpmn:subProcess id="perOffice">
        <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=office + &quot;/&quot; + string(loopCounter)" target="label"/></zeebe:ioMapping></bpmn:extensionElements>
        ${loop({ inputCollection: '=offices', inputElement: 'office', outputCollection: 'labels', outputElement: '=label' })}
        <bpmn:startEvent id="s_start"/><bpmn:serviceTask id="s_task"><bpmn:extensionElements><zeebe:taskDefinition type="mi-sub-task"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="s_end"/>
        <bpmn:sequenceFlow id="s1" sourceRef="s_start" targetRef="s_task"/><bpmn:sequenceFlow id="s2" sourceRef="s_task" targetRef="s_end"/>
      </bpmn:subProcess>`;
    await deployXml(h.zeebe, 'mi-sub.bpmn', bpmn('mi-sub', around('perOffice', sub)));
    const key = await start('mi-sub', { offices: ['UPD', 'URP'] });
    // when
    const jobs = await activate('mi-sub-task');
    expect(jobs.map((j) => j.variables.label).sort()).toEqual(['UPD/1', 'URP/2']);
    for (const job of jobs) await h.zeebe.completeJob({ jobKey: job.key, variables: {} });
    // then
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    expect((await rootVariables(key)).labels).toEqual(['UPD/1', 'URP/2']);
    expect((await lifecycle(key, 'perOffice')).filter((r) => r === 'subProcess:ELEMENT_COMPLETED')).toHaveLength(2);
  });

  it('lets an error boundary event on the body end all iterations, with no partial output', async () => {
    // given
    const body = `${miTask('check', 'mi-err-check', { inputCollection: '=[1,2,3]', inputElement: 'i', outputCollection: 'out', outputElement: '=i' })}
      <bpmn:boundaryEvent id="failed" attachedToRef="check"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>
      <bpmn:endEvent id="failedEnd"/><bpmn:sequenceFlow id="f3" sourceRef="failed" targetRef="failedEnd"/>`;
    await deployXml(h.zeebe, 'mi-err.bpmn', bpmn('mi-err', around('check', body), '<bpmn:error id="err" errorCode="BAD"/>'));
    const key = await start('mi-err', {});
    const jobs = await activate('mi-err-check');
    expect(jobs).toHaveLength(3);
    await h.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} });
    // when
    await h.zeebe.throwError({ jobKey: jobs[1].key, errorCode: 'BAD', errorMessage: 'no' });
    // then
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    const completed = (await records(h.embedded, key, 'PROCESS_INSTANCE')).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => r.element_id);
    expect(completed).toContain('failedEnd');
    expect(completed).not.toContain('end');
    expect(await rootVariables(key)).not.toHaveProperty('out');
    expect((await lifecycle(key, 'check')).at(-1)).toBe('multiInstanceBody:ELEMENT_TERMINATED');
  });

  it('refuses a multi-instance without an input collection at deploy time', async () => {
    // when / then
    await expect(deployXml(h.zeebe, 'mi-invalid.bpmn', bpmn('mi-invalid', around('x', miTask('x', 'never', {}))))).rejects.toThrow(/inputCollection/);
  });
});

describe('multi-instance across a restart', () => {
  it('continues a waiting sequential multi-instance after the engine restarts on the same data', async () => {
    // given: a sequential multi-instance waiting in its second iteration
    let h = await startHarness();
    const dataDir = h.dataDir;
    try {
      await deployXml(h.zeebe, 'mi-restart.bpmn', bpmn('mi-restart', around('sign', miTask('sign', 'mi-restart-sign', {
        sequential: true, inputCollection: '=signers', inputElement: 'signer', outputCollection: 'signed', outputElement: '=signer + &quot; ok&quot;',
      }))));
      const key = (await h.zeebe.createProcessInstance({ bpmnProcessId: 'mi-restart', variables: { signers: ['a', 'b', 'c'] } })).processInstanceKey;
      const activate = async () => h.zeebe.activateJobs({ type: 'mi-restart-sign', worker: 'w', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: -1 } as never);
      const [first] = await activate();
      await h.zeebe.completeJob({ jobKey: first.key, variables: {} });
      // when: stop and start again on the same data directory
      await h.stop();
      h = await startHarness({ dataDir });
      const signers: unknown[] = [];
      for (let i = 0; i < 2; i++) {
        const jobs = await activate();
        expect(jobs).toHaveLength(1);
        signers.push(jobs[0].variables.signer);
        await h.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} });
      }
      // then
      expect(signers).toEqual(['b', 'c']);
      const row = await waitFor(async () => {
        const r = (await h.embedded.engine.knex('process_instances').where('key', Number(key)).first()) as { state: string };
        return r.state === 'COMPLETED' ? r : undefined;
      });
      expect(row.state).toBe('COMPLETED');
      const signed = (await h.embedded.engine.knex('variables').where({ scope_key: Number(key), name: 'signed' }).first()) as { value: string };
      expect(JSON.parse(signed.value)).toEqual(['a ok', 'b ok', 'c ok']);
    } finally {
      await h.stop();
    }
  });
});
