import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/Engine.js';
import { bpmn, tempDir, waitFor } from '../../support/engineHarness.js';

const waitingProcess = bpmn('ckpt', `
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="ckpt-never" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />`);

/** WAL checkpoints run beside the engine's commits (not inside them): the log is copied back while the engine runs. */
describe('WAL checkpoints off the commit path', () => {
  it('copies committed batches into the database file while the engine runs, and keeps them across a restart', async () => {
    // given: an engine whose own connection never checkpoints
    const dataDir = tempDir('wal-checkpoint-');
    const file = path.join(dataDir, 'engine.sqlite');
    const engine = await Engine.open({ dataDir });
    const autocheckpoint = (await engine.knex.raw('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number }[];
    expect(autocheckpoint[0].wal_autocheckpoint).toBe(0);
    await engine.execute({ type: 'deploy', resources: [{ name: 'ckpt.bpmn', content: Buffer.from(waitingProcess) }] });
    const sizeBefore = fs.statSync(file).size;
    // when: a few hundred instances are committed in many batches
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => engine.execute({ type: 'createInstance', bpmnProcessId: 'ckpt', variables: { n: round * 20 + i, text: 'x'.repeat(500) } })));
    }
    // then: the database file grows without a commit checkpointing and without closing
    await waitFor(async () => fs.statSync(file).size > sizeBefore + 200_000, 5_000, 'the database file to take the checkpointed pages');
    await engine.close();
    const reopened = await Engine.open({ dataDir });
    const count = (await reopened.knex('process_instances').where('bpmn_process_id', 'ckpt').count('* as n')) as { n: number }[];
    await reopened.close();
    expect(count[0].n).toBe(400);
  });
});
