/**
 * Memory with many waiting instances: N instances parked at a service task nobody works on, created
 * over gRPC; the engine process's RSS and heap (after a GC) sampled as they accumulate. Waiting
 * instances are rows, so memory should stay flat once the bounded read cache is full.
 */
import { EngineChild } from './EngineChild.js';
import { sdkClient } from './embeddedThroughput.js';
import { WAITING_ID, waitingXml } from './processes.js';
import { pool, type MemorySample } from './stats.js';

export interface WaitingSample {
  instances: number;
  memory: MemorySample;
  cacheRows: number;
}

export async function runWaitingMemory(instances: number, dataDir: string, concurrency: number): Promise<WaitingSample[]> {
  const engine = await EngineChild.start(dataDir);
  const zeebe = sdkClient(engine.address, dataDir);
  try {
    await zeebe.deployResource({ name: 'waiting.bpmn', process: Buffer.from(waitingXml()) } as never);
    const sample = async (count: number): Promise<WaitingSample> => {
      const m = await engine.memory(true);
      return { instances: count, memory: { rss: m.rss, heapUsed: m.heapUsed, maxRss: m.maxRss }, cacheRows: m.cacheRows };
    };
    const samples = [await sample(0)];
    const step = Math.max(1, Math.floor(instances / 4));
    for (let done = 0; done < instances; done += step) {
      const count = Math.min(step, instances - done);
      await pool(count, concurrency, async (i) => {
        await zeebe.createProcessInstance({ bpmnProcessId: WAITING_ID, variables: { n: done + i, note: 'waiting for a worker that never comes' } });
      });
      samples.push(await sample(done + count));
    }
    return samples;
  } finally {
    await zeebe.close().catch(() => undefined);
    await engine.stop();
  }
}
