import type { JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, records, startHarness, type Harness } from '../support/engineHarness.js';
import { chain, subProcess, task } from '../support/bpmnSnippets.js';
import { rawGateway, type RawGateway } from '../support/rawGateway.js';

/** Variable scopes, propagation and zeebe:ioMapping, as ZEEBE-SEMANTICS.md §2 states them. */
describe('variables', () => {
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
  async function take(type: string) {
    const [job] = await raw.activate({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    if (!job) throw new Error(`no job of type ${type}`);
    return Object.assign(job, { vars: JSON.parse(job.variables) as Record<string, unknown> });
  }
  const complete = (jobKey: string, variables: Record<string, unknown>) => raw.call('CompleteJob', { jobKey, variables: JSON.stringify(variables) });
  /** Variable writes of an instance as `name@scope=value`, scope being 'root' or the element id. */
  async function writes(key: string): Promise<string[]> {
    const scopes = new Map<number, string>();
    for (const r of await records(h.embedded, key, 'PROCESS_INSTANCE')) if (r.intent === 'ELEMENT_ACTIVATING') scopes.set(r.key, r.element_id as string);
    scopes.set(Number(key), 'root');
    return (await records(h.embedded, key, 'VARIABLE')).map((r) => `${r.value.name}@${scopes.get(r.value.scopeKey as number) ?? r.value.scopeKey}=${r.value.value}`);
  }
  async function rootVariables(key: string): Promise<Record<string, unknown>> {
    const rows = (await h.embedded.engine.knex('variables').where('scope_key', Number(key))) as { name: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value)]));
  }

  it('puts CreateProcessInstance variables on the root scope', async () => {
    // given
    await deploy('var-root', [task('t', 'var-root-t'), '<bpmn:startEvent id="start"/>', '<bpmn:endEvent id="end"/>', chain('start', 't', 'end')].join(''));
    // when
    const key = await start('var-root', { a: 1, nested: { b: [1, 2] }, s: 'x' });
    // then
    expect(await writes(key)).toEqual(['a@root=1', 'nested@root={"b":[1,2]}', 's@root="x"']);
    expect((await take('var-root-t')).vars).toEqual({ a: 1, nested: { b: [1, 2] }, s: 'x' });
  });

  describe('job completion without output mappings', () => {
    beforeAll(async () => {
      // sub holds a local `counter` (input mapping); t1 inside it; t2 after it.
      await deploy('var-propagate', [
        '<bpmn:startEvent id="start"/>',
        subProcess('sub', ['<bpmn:startEvent id="subStart"/>', task('t1', 'var-propagate-t1'), '<bpmn:endEvent id="subEnd"/>', chain('subStart', 't1', 'subEnd')].join(''), {
          inputs: [['=0', 'counter']],
        }),
        task('t2', 'var-propagate-t2'),
        '<bpmn:endEvent id="end"/>',
        chain('start', 'sub', 't2', 'end'),
      ].join('\n'));
    });

    it('updates the nearest scope holding the name and creates new names at the root', async () => {
      // given
      const key = await start('var-propagate', { counter: 100 });
      const t1 = await take('var-propagate-t1');
      expect(t1.vars).toEqual({ counter: 0 }); // the sub-process local hides the root variable
      // when
      await complete(t1.key, { counter: 5, fresh: 'new' });
      // then: counter went to the sub-process local, fresh to the root
      expect(await writes(key)).toEqual(['counter@root=100', 'counter@sub=0', 'counter@sub=5', 'fresh@root="new"']);
      // and the sub-process local is gone once it completed (no output mapping)
      const t2 = await take('var-propagate-t2');
      expect(t2.vars).toEqual({ counter: 100, fresh: 'new' });
    });
  });

  it('loses a completed variable whose name is local to the task (input-mapped)', async () => {
    // given
    await deploy('var-task-local', [
      '<bpmn:startEvent id="start"/>',
      task('t1', 'var-task-local-t1', { inputs: [['=amount', 'localAmount']] }),
      task('t2', 'var-task-local-t2'),
      '<bpmn:endEvent id="end"/>',
      chain('start', 't1', 't2', 'end'),
    ].join('\n'));
    const key = await start('var-task-local', { amount: 10 });
    const t1 = await take('var-task-local-t1');
    expect(t1.vars).toEqual({ amount: 10, localAmount: 10 });
    // when: propagation starts at the task's own scope, which holds localAmount
    await complete(t1.key, { localAmount: 999, amount: 11 });
    // then
    expect((await take('var-task-local-t2')).vars).toEqual({ amount: 11 });
    expect(await rootVariables(key)).toEqual({ amount: 11 });
  });

  it('with output mappings keeps the job result local and propagates only the mapped values', async () => {
    // given
    await deploy('var-outputs', [
      '<bpmn:startEvent id="start"/>',
      task('t1', 'var-outputs-t1', { outputs: [['=result.total', 'total'], ['=total * 2', 'double']] }),
      task('t2', 'var-outputs-t2'),
      '<bpmn:endEvent id="end"/>',
      chain('start', 't1', 't2', 'end'),
    ].join('\n'));
    const key = await start('var-outputs', { keep: true });
    const t1 = await take('var-outputs-t1');
    // when
    await complete(t1.key, { result: { total: 42 }, noise: 'dropped', keep: false });
    // then: unmapped job variables (noise, keep, result) never leave the task; a later mapping sees an earlier one
    expect((await take('var-outputs-t2')).vars).toEqual({ keep: true, total: 42, double: 84 });
    expect(await rootVariables(key)).toEqual({ keep: true, total: 42, double: 84 });
  });

  it('propagates output-mapped values from the parent scope, so a sub-process local receives them', async () => {
    // given: the sub-process holds `total` locally; the inner task output-maps into `total`
    await deploy('var-outputs-sub', [
      '<bpmn:startEvent id="start"/>',
      subProcess('sub', [
        '<bpmn:startEvent id="subStart"/>',
        task('t1', 'var-outputs-sub-t1', { outputs: [['=value', 'total']] }),
        task('t2', 'var-outputs-sub-t2'),
        '<bpmn:endEvent id="subEnd"/>',
        chain('subStart', 't1', 't2', 'subEnd'),
      ].join(''), { inputs: [['=0', 'total']], outputs: [['=total', 'grandTotal']] }),
      task('t3', 'var-outputs-sub-t3'),
      '<bpmn:endEvent id="end"/>',
      chain('start', 'sub', 't3', 'end'),
    ].join('\n'));
    const key = await start('var-outputs-sub');
    // when
    await complete((await take('var-outputs-sub-t1')).key, { value: 7 });
    // then: the sub-process local was updated, nothing reached the root yet
    expect((await take('var-outputs-sub-t2').then(async (t2) => (await complete(t2.key, {}), t2))).vars).toEqual({ total: 7 });
    // and after the sub-process only its output mapping is visible
    expect((await take('var-outputs-sub-t3')).vars).toEqual({ grandTotal: 7 });
    expect(await writes(key)).toEqual(['total@sub=0', 'value@t1=7', 'total@sub=7', 'grandTotal@root=7']);
  });

  it('gives null for an input mapping whose source does not exist, and later inputs see earlier ones', async () => {
    // given
    await deploy('var-inputs', [
      '<bpmn:startEvent id="start"/>',
      task('t', 'var-inputs-t', { inputs: [['=doesNotExist', 'missing'], ['=base + 1', 'next'], ['=next * 10', 'scaled']] }),
      '<bpmn:endEvent id="end"/>',
      chain('start', 't', 'end'),
    ].join('\n'));
    const key = await start('var-inputs', { base: 1 });
    // when
    const t = await take('var-inputs-t');
    // then
    expect(t.vars).toEqual({ base: 1, missing: null, next: 2, scaled: 20 });
    expect(await writes(key)).toEqual(['base@root=1', 'missing@t=null', 'next@t=2', 'scaled@t=20']);
  });

  it('stores null instead of deleting, and leaves variables a completion omits unchanged', async () => {
    // given
    await deploy('var-null', [task('t', 'var-null-t'), '<bpmn:startEvent id="start"/>', '<bpmn:endEvent id="end"/>', chain('start', 't', 'end')].join(''));
    const key = await start('var-null', { a: 1, b: 2 });
    // when
    await complete((await take('var-null-t')).key, { a: null });
    // then
    expect(await rootVariables(key)).toEqual({ a: null, b: 2 });
  });

  it('SetVariables: local=true writes exactly that scope, local=false propagates to the nearest holder or the root', async () => {
    // given: a task waiting inside a sub-process that holds `x`
    await deploy('var-set', [
      '<bpmn:startEvent id="start"/>',
      subProcess('sub', ['<bpmn:startEvent id="subStart"/>', task('t', 'var-set-t'), '<bpmn:endEvent id="subEnd"/>', chain('subStart', 't', 'subEnd')].join(''), { inputs: [['=1', 'x']] }),
      '<bpmn:endEvent id="end"/>',
      chain('start', 'sub', 'end'),
    ].join('\n'));
    const key = await start('var-set');
    const job = await take('var-set-t');
    // when
    await h.zeebe.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { x: 2, y: 'root' }, local: false });
    await h.zeebe.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { z: 'task' }, local: true });
    // then
    expect(await writes(key)).toEqual(['x@sub=1', 'x@sub=2', 'y@root="root"', 'z@t="task"']);
    const documents = (await records(h.embedded, key, 'VARIABLE_DOCUMENT')).map((r) => r.value.updateSemantics);
    expect(documents).toEqual(['PROPAGATE', 'LOCAL']);
  });

  it('keeps FailJob variables local to the task: the retry sees them, the process does not', async () => {
    // given
    await deploy('var-fail', [
      '<bpmn:startEvent id="start"/>',
      task('t1', 'var-fail-t1'),
      task('t2', 'var-fail-t2'),
      '<bpmn:endEvent id="end"/>',
      chain('start', 't1', 't2', 'end'),
    ].join('\n'));
    const key = await start('var-fail', { input: 'i' });
    const first = await take('var-fail-t1');
    // when
    await raw.call('FailJob', { jobKey: first.key, retries: 2, errorMessage: 'try again', variables: JSON.stringify({ attempt: 1 }) });
    // then
    const retry = await take('var-fail-t1');
    expect(retry.vars).toEqual({ input: 'i', attempt: 1 });
    await complete(retry.key, {});
    expect((await take('var-fail-t2')).vars).toEqual({ input: 'i' });
    expect(await writes(key)).toEqual(['input@root="i"', 'attempt@t1=1']);
  });
});
