import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
import { engineLogin, registerEngineInDataDir, sdkAuthSettings } from '../../support/engineHarness.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.resolve(here, '../../..');
const running = new Set<ChildProcess>();

/** A free loopback port: bind port 0, read what the OS gave, release it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript file of this folder in a child `node --import tsx`, waiting for a line starting with `ready`. */
function spawnScript(script: string, env: NodeJS.ProcessEnv, ready: string, timeoutMs = 30_000): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script)], {
    cwd: repoRoot,
    env: { ...process.env, ZEEBE_CLIENT_LOG_LEVEL: 'NONE', CAMUNDA_LOG_LEVEL: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${script} not ready after ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith(ready));
      if (line) {
        clearTimeout(timer);
        resolve({ child, line });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before ready; stderr: ${stderr}`));
    });
  });
}

export interface EngineChild {
  child: ChildProcess;
  address: string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

async function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/** The embedded engine in a child process on a real SQLite file under `dataDir` and a fixed loopback port. */
export async function startEngineChild(dataDir: string, port: number): Promise<EngineChild> {
  const { child } = await spawnScript('engineProcess.ts', { DATA_DIR: dataDir, ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${port}` }, 'READY');
  // the engine wrote its credentials on its first start; clients of this test sign in with them
  registerEngineInDataDir(`127.0.0.1:${port}`, dataDir);
  return {
    child,
    address: `127.0.0.1:${port}`,
    kill9: () => killed(child, 'SIGKILL'),
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await killed(child, 'SIGTERM');
      clearTimeout(timer);
    },
  };
}

/** A worker process that takes one job and hangs on to it; resolves with the job key. */
export async function startDoomedWorker(address: string, jobType: string, lockMs: number): Promise<{ child: ChildProcess; jobKey: string; kill9(): Promise<void> }> {
  const { child, line } = await spawnScript('workerProcess.ts', { ENGINE_ADDRESS: address, JOB_TYPE: jobType, JOB_TIMEOUT: String(lockMs), ...sdkAuthSettings(engineLogin(address)) }, 'JOB');
  return { child, jobKey: line.split(' ')[1].trim(), kill9: () => killed(child, 'SIGKILL') };
}

/** Kills every child these helpers started that is still running (afterAll, also after a failure). */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => killed(child, 'SIGKILL')));
}

/** An SDK client that does not retry, so a call to a dead engine fails instead of waiting for the next one. */
export function durableClient(address: string): ZeebeGrpcClient {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    ...sdkAuthSettings(engineLogin(address)),
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    ZEEBE_GRPC_CLIENT_RETRY: false,
  } as never).getZeebeGrpcApiClient();
}

export async function closeQuietly(zeebe: ZeebeGrpcClient): Promise<void> {
  await Promise.race([zeebe.close().catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))]);
}

/** A second, read-only connection to the engine's SQLite file (WAL lets it read beside the engine). */
export function openEngineFile(dataDir: string): Knex {
  return knexFactory({ client: 'sqlite3', connection: { filename: path.join(dataDir, 'engine.sqlite') }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
}
