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
  ) {}

  static async start(dataDir: string): Promise<EngineChild> {
    const child = fork(path.join(here, 'engineProcess.ts'), [], {
      env: { ...process.env, DATA_DIR: dataDir },
      execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_ENGINE_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`engine child exited with ${code}`)));
      child.on('message', (m) => {
        const reply = m as EngineReply;
        if (reply.type === 'ready') resolve(reply.port);
      });
    });
    child.removeAllListeners('exit');
    return new EngineChild(child, `127.0.0.1:${port}`);
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
