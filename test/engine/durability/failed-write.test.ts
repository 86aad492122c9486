import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rejection } from '../../../src/engine/errors.js';
import { bpmn, deployXml, startHarness, type Harness } from '../../support/engineHarness.js';
import { straight, task } from '../../support/bpmnSnippets.js';

/**
 * The next batch is processed while the previous one is written. When that write fails, its clients hear
 * so, and so do the clients of a batch processed on top of it; nothing of either reaches the disk, and the
 * engine goes on serving.
 */
describe('a batch that fails to write', () => {
  let h: Harness;
  beforeAll(async () => {
    // one command per batch, so each create below is its own batch
    h = await startHarness({ maxBatch: 1 });
    for (const id of ['doomed', 'fine']) await deployXml(h.zeebe, `${id}.bpmn`, bpmn(id, straight({ id: 'work', xml: task('work', `${id}-work`) })));
    await h.embedded.engine.knex.raw(
      `create trigger refuse_doomed before insert on process_instances when new.bpmn_process_id = 'doomed' begin select raise(abort, 'disk says no'); end`,
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  const create = (bpmnProcessId: string) => h.embedded.engine.execute<{ processInstanceKey: number }>({ type: 'createInstance', bpmnProcessId, variables: {} } as never);
  const settle = <T>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error: error as Rejection }));

  it('refuses the failed batch and the one processed on top of it, then serves the next', async () => {
    // when: the doomed create, and a create queued right behind it (processed while the doomed one is written)
    const [doomed, behind] = await Promise.all([settle(create('doomed')), settle(create('fine'))]);
    const after = await create('fine');
    // then
    expect(doomed).toMatchObject({ error: { type: 'PROCESSING_ERROR' } });
    expect((doomed as { error: Rejection }).error.message).toBe('Failed to write to disk: SQLITE_CONSTRAINT: disk says no');
    expect(behind).toMatchObject({ error: { type: 'PROCESSING_ERROR' } });
    expect((behind as { error: Rejection }).error.message).toContain('an earlier batch it depends on could not be written');
    const instances = (await h.embedded.engine.knex('process_instances').select('key', 'bpmn_process_id')) as { key: number; bpmn_process_id: string }[];
    expect(instances).toEqual([{ key: after.processInstanceKey, bpmn_process_id: 'fine' }]);
    const jobs = (await h.embedded.engine.knex('jobs').select('type', 'process_instance_key')) as { type: string; process_instance_key: number }[];
    expect(jobs).toEqual([{ type: 'fine-work', process_instance_key: after.processInstanceKey }]);
  });

  it('keeps no trace of the refused batches in what it serves next', async () => {
    // when: every job of the type the refused create had made is asked for
    const jobs = await h.embedded.engine.execute<unknown[]>({ type: 'activateJobs', jobType: 'fine-work', worker: 'w', timeout: 60_000, maxJobs: 10, fetchVariables: [] } as never);
    // then: only the job of the instance that was written
    expect(jobs).toHaveLength(1);
  });
});
