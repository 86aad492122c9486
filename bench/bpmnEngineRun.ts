import { fork } from 'node:child_process';
import path from 'node:path';
import type { BpmnEngineReply } from './bpmnEngineProcess.js';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Runs bpmn-engine in its own process, so its memory and CPU are measured apart from everything else. */
export function runBpmnEngine<M extends BpmnEngineReply['type']>(mode: M, instances: number, concurrency: number, rate = 0): Promise<Extract<BpmnEngineReply, { type: M }>> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'bpmnEngineProcess.ts'), [], {
      env: { ...process.env, BENCH_MODE: mode, BENCH_N: String(instances), BENCH_CONCURRENCY: String(concurrency), BENCH_RATE: String(rate) },
      execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=12288'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as Extract<BpmnEngineReply, { type: M }>));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bpmn-engine child exited with ${code}`))));
  });
}
