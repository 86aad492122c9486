import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, startHarness, type Harness } from '../support/engineHarness.js';
import { chain, straight, task } from '../support/bpmnSnippets.js';
import { grpc, rawGateway, type RawGateway } from '../support/rawGateway.js';

/**
 * Bad input gets the gRPC status Zeebe uses and a message saying what is wrong, and changes
 * nothing: no definition, no instance, no record (DESIGN.md "Rules of the house").
 */
describe('bad input', () => {
  let h: Harness;
  let raw: RawGateway;
  beforeAll(async () => {
    h = await startHarness();
    raw = rawGateway(h.address);
    await deploy('good.bpmn', bpmn('bad-good', straight({ id: 'work', xml: task('work', 'bad-good') })));
  });
  afterAll(async () => {
    raw.close();
    await h.stop();
  });

  const deploy = (name: string, xml: string) => raw.call('DeployResource', { resources: [{ name, content: Buffer.from(xml) }] });
  const deployFails = (name: string, xml: string) => raw.fail('DeployResource', { resources: [{ name, content: Buffer.from(xml) }] });

  /** Everything the engine has written: row counts and the last record position. */
  async function written() {
    const knex = h.embedded.engine.knex;
    const count = async (table: string) => Number(((await knex(table).count('* as n').first()) as { n: number }).n);
    const position = ((await knex('records').max('position as p').first()) as { p: number | null }).p ?? 0;
    return { definitions: await count('process_definitions'), instances: await count('process_instances'), variables: await count('variables'), jobs: await count('jobs'), position };
  }

  describe('DeployResource', () => {
    it.each([
      ['malformed XML', '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" isExecutable="true">', /parse|XML|unclosed|closing/i],
      ['no executable process', bpmn('bad-not-exec', '<bpmn:startEvent id="s"/>').replace('isExecutable="true"', 'isExecutable="false"'), /executable process/],
      ['a service task without a task definition', bpmn('bad-no-type', '<bpmn:startEvent id="s"/><bpmn:serviceTask id="noType"/>' + chain('s', 'noType')), /noType[\s\S]*taskDefinition/],
      ['invalid FEEL in a condition', bpmn('bad-feel', '<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="f2"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>' + chain('s', 'g') + '<bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="e1"><bpmn:conditionExpression>= amount &gt;= </bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e2"/>'), /f1[\s\S]*amount >=/],
      ['invalid FEEL in an input mapping', bpmn('bad-feel-io', straight({ id: 'mapped', xml: task('mapped', 'x', { inputs: [['=if then', 'y']] }) })), /mapped[\s\S]*if then/],
      ['a non-interrupting error boundary event', bpmn('bad-boundary', straight({ id: 't', xml: task('t', 'x') }) + '<bpmn:boundaryEvent id="softError" attachedToRef="t" cancelActivity="false"><bpmn:errorEventDefinition/></bpmn:boundaryEvent><bpmn:endEvent id="e2"/>' + chain('softError', 'e2')), /softError/],
    ])('refuses %s with INVALID_ARGUMENT and stores nothing', async (_, xml, message) => {
      // given
      const before = await written();
      // when
      const failure = await deployFails('bad.bpmn', xml);
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toContain("Expected to deploy new resources, but encountered the following errors:\n'bad.bpmn'");
      expect(failure.details).toMatch(message);
      expect(await written()).toEqual(before);
    });

    it('refuses an unsupported element naming its id and type, and stores nothing', async () => {
      // given
      const xml = bpmn('bad-unsupported', '<bpmn:startEvent id="s"/><bpmn:complexGateway id="fancyJoin"/><bpmn:endEvent id="e"/>' + chain('s', 'fancyJoin', 'e'));
      const before = await written();
      // when
      const failure = await deployFails('unsupported.bpmn', xml);
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toContain('- Element: fancyJoin');
      expect(failure.details).toContain('bpmn:ComplexGateway');
      expect(await written()).toEqual(before);
    });

    it('is atomic: one bad resource keeps the good ones of the same request out too', async () => {
      // given
      const before = await written();
      // when
      const failure = await raw.fail('DeployResource', {
        resources: [
          { name: 'fine.bpmn', content: Buffer.from(bpmn('bad-atomic-fine', straight())) },
          { name: 'broken.bpmn', content: Buffer.from('<not-bpmn') },
        ],
      });
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toContain("'broken.bpmn'");
      expect(failure.details).not.toContain("'fine.bpmn'");
      expect(await written()).toEqual(before);
    });

    it('refuses the same process id in two resources of one deployment', async () => {
      // given
      const before = await written();
      // when
      const failure = await raw.fail('DeployResource', {
        resources: [
          { name: 'one.bpmn', content: Buffer.from(bpmn('bad-twice', straight())) },
          { name: 'two.bpmn', content: Buffer.from(bpmn('bad-twice', straight())) },
        ],
      });
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toContain('bad-twice');
      expect(await written()).toEqual(before);
    });

    it('reports the error through the SDK as INVALID_ARGUMENT too', async () => {
      // when
      const error = (await h.zeebe.deployResource({ name: 'sdk-bad.bpmn', process: Buffer.from('<oops') } as never).catch((e: unknown) => e)) as { code?: number; message: string };
      // then
      expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error.message).toContain('sdk-bad.bpmn');
    });
  });

  describe('CreateProcessInstance', () => {
    it('answers NOT_FOUND for an unknown process id and creates nothing', async () => {
      // given
      const before = await written();
      // when
      const byId = await raw.fail('CreateProcessInstance', { bpmnProcessId: 'no-such-process', version: -1 });
      const byKey = await raw.fail('CreateProcessInstance', { processDefinitionKey: String(2 ** 51 + 424_242) });
      const byVersion = await raw.fail('CreateProcessInstance', { bpmnProcessId: 'bad-good', version: 99 });
      // then
      expect(byId.code).toBe(grpc.status.NOT_FOUND);
      expect(byId.details).toContain("'no-such-process'");
      expect(byKey.code).toBe(grpc.status.NOT_FOUND);
      expect(byKey.details).toContain(String(2 ** 51 + 424_242));
      expect(byVersion.code).toBe(grpc.status.NOT_FOUND);
      expect(byVersion.details).toContain("'99'");
      expect(await written()).toEqual(before);
    });

    it.each([
      ['an array', '[1, 2]', /root level object.*ARRAY/],
      ['a string', '"text"', /root level object.*STRING/],
      ['a number', '42', /root level object.*NUMBER/],
      ['not JSON at all', '{"a": ', /valid JSON/],
    ])('refuses variables that are %s with INVALID_ARGUMENT and creates nothing', async (_, variables, message) => {
      // given
      const before = await written();
      // when
      const failure = await raw.fail('CreateProcessInstance', { bpmnProcessId: 'bad-good', version: -1, variables });
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toMatch(/variables/);
      expect(failure.details).toMatch(message);
      expect(await written()).toEqual(before);
    });

    it('refuses a payload over 4 MB with RESOURCE_EXHAUSTED and creates nothing', async () => {
      // given
      const before = await written();
      const big = JSON.stringify({ blob: 'x'.repeat(4 * 1024 * 1024 + 1) });
      // when
      const failure = await raw.fail('CreateProcessInstance', { bpmnProcessId: 'bad-good', version: -1, variables: big });
      // then
      expect(failure.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(failure.details).toMatch(/larger than max|exceeds maximum|too large/i);
      expect(await written()).toEqual(before);
    });
  });

  describe('job commands', () => {
    it('refuses CompleteJob variables that are not an object and leaves the job activated', async () => {
      // given
      await raw.call('CreateProcessInstance', { bpmnProcessId: 'bad-good', version: -1 });
      const [job] = await raw.activate({ type: 'bad-good', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
      const before = await written();
      // when
      const failure = await raw.fail('CompleteJob', { jobKey: job.key, variables: '["done"]' });
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toMatch(/root level object/);
      expect(await written()).toEqual(before);
      const row = (await h.embedded.engine.knex('jobs').where('key', Number(job.key)).first()) as { state: string };
      expect(row.state).toBe('ACTIVATED');
      // and it can still be completed properly, once
      await raw.call('CompleteJob', { jobKey: job.key, variables: '{"done": true}' });
      const afterComplete = await written();
      const again = await raw.fail('CompleteJob', { jobKey: job.key, variables: '{}' });
      expect(again.code).toBe(grpc.status.NOT_FOUND);
      expect(again.details).toContain(`Expected to complete job with key '${job.key}', but no such job was found`);
      expect(await written()).toEqual(afterComplete);
    });

    it('refuses SetVariables on an unknown scope with NOT_FOUND and bad JSON with INVALID_ARGUMENT', async () => {
      // given
      const { processInstanceKey } = await raw.call('CreateProcessInstance', { bpmnProcessId: 'bad-good', version: -1 });
      const before = await written();
      // when
      const unknown = await raw.fail('SetVariables', { elementInstanceKey: String(2 ** 51 + 515_151), variables: '{"a":1}' });
      const notObject = await raw.fail('SetVariables', { elementInstanceKey: processInstanceKey, variables: '[1]' });
      // then
      expect(unknown.code).toBe(grpc.status.NOT_FOUND);
      expect(notObject.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(await written()).toEqual(before);
    });
  });
});
