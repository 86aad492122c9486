import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, startHarness, type Harness } from '../support/engineHarness.js';
import { grpc, rawGateway } from '../support/rawGateway.js';
import { straight, task } from '../support/bpmnSnippets.js';
import { http } from '../rest/restHarness.js';

const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('variables nested 10,000 deep', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rest: { host: '127.0.0.1', port: 0 } });
    await deployXml(h.zeebe, 'deep.bpmn', bpmn('deep', straight({ id: 'work', xml: task('work', 'deep-work') })));
  });
  afterAll(async () => {
    await h.stop();
  });

  it('are INVALID_ARGUMENT on gRPC and 400 on REST, and start nothing', async () => {
    // given
    const gateway = rawGateway(h.address);
    const before = await h.embedded.engine.knex('records').count('* as n').first();
    // when
    const viaGrpc = await gateway.fail('CreateProcessInstance', { bpmnProcessId: 'deep', version: -1, variables: `{"x":${nested(10_000)}}` });
    const viaRest = await http(h.embedded.restAddress as string, 'POST', '/v2/process-instances', `{"processDefinitionId":"deep","variables":{"x":${nested(10_000)}}}`);
    gateway.close();
    // then
    expect(viaGrpc.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(viaGrpc.details).toContain('nested');
    expect(viaRest.status).toBe(400);
    expect(viaRest.body).toMatchObject({ title: 'INVALID_ARGUMENT', detail: expect.stringContaining('nested') });
    expect(await h.embedded.engine.knex('records').count('* as n').first()).toEqual(before);
  });
});
