import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, deployXml, startHarness, type Harness } from '../support/engineHarness.js';

// grpc-js compresses a request with zlib.gzip (its CommonJS `require('zlib')`): counting those calls in this
// process counts the compressed requests the SDK sends.
const zlib = createRequire(import.meta.url)('zlib') as typeof import('node:zlib');

function countGzip(): { calls: () => number; restore: () => void } {
  const original = zlib.gzip;
  let calls = 0;
  zlib.gzip = ((...args: Parameters<typeof original>) => {
    calls++;
    return (original as (...a: unknown[]) => void)(...args);
  }) as typeof original;
  return { calls: () => calls, restore: () => void (zlib.gzip = original) };
}

const process_ = bpmn('plain', `<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/>`);

describe('request compression on the gRPC gateway', () => {
  let h: Harness | undefined;
  let gzip: ReturnType<typeof countGzip> | undefined;
  afterEach(async () => {
    gzip?.restore();
    await h?.stop();
  });

  it('by default answers grpc-accept-encoding: identity, so the SDK stops gzipping after its first call', async () => {
    // given
    h = await startHarness();
    gzip = countGzip();
    await deployXml(h.zeebe, 'plain.bpmn', process_);
    // when
    for (let i = 0; i < 10; i++) await h.zeebe.createProcessInstance({ bpmnProcessId: 'plain', variables: { i } });
    // then: at most the channel's first request went compressed
    expect(gzip.calls()).toBeLessThanOrEqual(1);
    expect(await h.embedded.engine.knex('records').where({ value_type: 'PROCESS_INSTANCE_CREATION', intent: 'CREATED' }).count({ n: '*' })).toEqual([{ n: 10 }]);
  });

  it('with acceptCompression keeps inviting gzip, and the compressed requests are served', async () => {
    // given
    h = await startHarness({ grpc: { host: '127.0.0.1', port: 0, acceptCompression: true } });
    gzip = countGzip();
    await deployXml(h.zeebe, 'plain.bpmn', process_);
    // when
    for (let i = 0; i < 10; i++) await h.zeebe.createProcessInstance({ bpmnProcessId: 'plain', variables: { i } });
    // then
    expect(gzip.calls()).toBeGreaterThanOrEqual(11);
    expect(await h.embedded.engine.knex('records').where({ value_type: 'PROCESS_INSTANCE_CREATION', intent: 'CREATED' }).count({ n: '*' })).toEqual([{ n: 10 }]);
  });
});
