import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningProcess {
  child: ChildProcess;
  /** everything written to stdout and stderr so far */
  output(): string;
  /** resolves with the first stdout line matching, rejects if the process exits first or time runs out */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** Runs a TypeScript entry point with tsx in a separate Node process, from the repository root. */
export function runTs(entry: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    out += chunk.toString();
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.on('exit', () => {
    for (const w of waiters) w();
  });
  return {
    child,
    output: () => out,
    waitForLine(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out waiting for ${pattern} in:\n${out}`)), timeoutMs);
        const finish = (error?: Error, match?: RegExpMatchArray): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(match as RegExpMatchArray);
        };
        const check = (): void => {
          const match = out.match(pattern);
          if (match) finish(undefined, match);
          else if (child.exitCode !== null || child.signalCode !== null) finish(new Error(`exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${out}`));
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
