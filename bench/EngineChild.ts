import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { EngineReply, EngineRequest } from './engineProcess.js';

const here = path.dirname(new URL(import.meta.url).pathname);

type MemoryReply = Extract<EngineReply, { type: 'memory' }>;

/** The embedded engine running in its own process (its own core), as a deployment would run it. */
export class EngineChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly address: string,
    /** http://127.0.0.1:port of the REST API v2, when started with `rest` */
    readonly restAddress?: string,
  ) {}

  static async start(dataDir: string, options: { rest?: boolean } = {}): Promise<EngineChild> {
    const child = fork(path.join(here, 'engineProcess.ts'), [], {
      env: { ...process.env, DATA_DIR: dataDir, ...(options.rest ? { BENCH_ENGINE_REST: '1' } : {}) },
      execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_ENGINE_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<Extract<EngineReply, { type: 'ready' }>>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`engine child exited with ${code}`)));
      child.on('message', (m) => {
        const reply = m as EngineReply;
        if (reply.type === 'ready') resolve(reply);
      });
    });
    child.removeAllListeners('exit');
    return new EngineChild(child, `127.0.0.1:${ready.port}`, ready.restPort ? `http://127.0.0.1:${ready.restPort}` : undefined);
  }

  memory(gc = false): Promise<MemoryReply> {
    return new Promise((resolve) => {
      const onMessage = (m: unknown): void => {
        const reply = m as EngineReply;
        if (reply.type !== 'memory') return;
        this.child.off('message', onMessage);
        resolve(reply);
      };
      this.child.on('message', onMessage);
      this.child.send({ cmd: 'memory', gc } satisfies EngineRequest);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ cmd: 'stop' } satisfies EngineRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
