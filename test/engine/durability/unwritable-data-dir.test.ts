import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmbeddedEngine } from '../../../src/engine/EmbeddedEngine.js';
import { bpmn, deployXml, startHarness, tempDir, type Harness } from '../../support/engineHarness.js';
import { grpc, rawGateway } from '../../support/rawGateway.js';
import { straight, task } from '../../support/bpmnSnippets.js';

describe('a full data directory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await deployXml(h.zeebe, 'full.bpmn', bpmn('full', straight({ id: 'work', xml: task('work', 'full-work') })));
    // SQLite's own "database or disk is full": the file may not grow by a single page
    const [{ page_count: pages }] = (await h.embedded.engine.knex.raw('PRAGMA page_count')) as { page_count: number }[];
    await h.embedded.engine.knex.raw(`PRAGMA max_page_count = ${pages}`);
  });
  afterAll(async () => {
    await h.stop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses commands with RESOURCE_EXHAUSTED, not INTERNAL, saying so in one log line', async () => {
    // given
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    const gateway = rawGateway(h.address);
    const variables = JSON.stringify({ filler: 'x'.repeat(200_000) });
    // when
    const first = await gateway.fail('CreateProcessInstance', { bpmnProcessId: 'full', version: -1, variables });
    const second = await gateway.fail('CreateProcessInstance', { bpmnProcessId: 'full', version: -1, variables });
    gateway.close();
    // then
    expect(first.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(first.details).toContain('full or read-only');
    expect(second.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(errors.filter((l) => l.includes('full or read-only'))).toHaveLength(1);
  });
});

describe('a read-only data directory', () => {
  it('stops the start with one clear message naming the directory, not a stack of SQLite internals', async () => {
    // given: an immutable folder (even root cannot create files in it)
    const dataDir = tempDir('read-only-');
    execFileSync('chattr', ['+i', dataDir]);
    try {
      // when
      const started = EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 } });
      // then
      await expect(started).rejects.toMatchObject({ name: 'DataDirError', message: expect.stringMatching(new RegExp(`^DATA_DIR ${dataDir} is not writable.*: the engine cannot start`)) });
    } finally {
      execFileSync('chattr', ['-i', dataDir]);
    }
  });
});
