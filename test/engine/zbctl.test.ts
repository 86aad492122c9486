import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, engineLogin, startHarness, tempDir, type Harness } from '../support/engineHarness.js';
import { straight, task } from '../support/bpmnSnippets.js';

/** The official Go CLI `zbctl` (npm package `zbctl`), talking plain gRPC to the embedded gateway. */
const ZBCTL = path.resolve('node_modules/zbctl/bin/zbctl-cli.linux');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('zbctl against the embedded engine', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    // REST too: it serves the OAuth token endpoint zbctl asks for its access token
    h = await startHarness({ rest: { host: '127.0.0.1', port: 0 } });
    dir = tempDir('zbctl-');
  });
  afterAll(async () => {
    await h.stop();
  });

  /** zbctl with the OAuth variables Camunda documents for it, as an operator runs it (README). */
  function oauthEnv(): Record<string, string> {
    const login = engineLogin(h.address);
    if (!login?.tokenUrl) throw new Error('the harness engine has no login');
    return { ZEEBE_CLIENT_ID: login.clientId, ZEEBE_CLIENT_SECRET: login.clientSecret, ZEEBE_AUTHORIZATION_SERVER_URL: login.tokenUrl, ZEEBE_TOKEN_AUDIENCE: 'zeebe-api' };
  }

  function zbctl(...args: string[]): Promise<Run> {
    return zbctlWith(oauthEnv(), ...args);
  }

  function zbctlWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        ZBCTL,
        [...args, '--address', h.address, '--insecure'],
        // A private HOME keeps zbctl's credentials cache out of the user's.
        { timeout: 30_000, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('is refused without credentials, and with a wrong secret', async () => {
    // when
    const anonymous = await zbctlWith({}, 'status');
    const wrong = await zbctlWith({ ...oauthEnv(), ZEEBE_CLIENT_SECRET: 'not-the-secret-of-operator' }, 'status');
    // then
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toContain('Unauthenticated');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout + wrong.stderr).not.toContain('Cluster size');
  });

  it('status prints the one-broker topology', async () => {
    // when
    const run = await zbctl('status');
    // then
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Cluster size: 1');
    expect(run.stdout).toContain('Partitions count: 1');
    expect(run.stdout).toContain(`Broker 0 - ${h.address}`);
    expect(run.stdout).toMatch(/Partition 1 : Leader, Healthy/);
  });

  it('deploys a file, creates an instance, activates and completes its job', async () => {
    // given
    const file = path.join(dir, 'zbctl-flow.bpmn');
    fs.writeFileSync(file, bpmn('zbctl-flow', straight({ id: 'work', xml: task('work', 'zbctl-work') })));
    // when
    const deploy = await zbctl('deploy', file);
    // then
    expect(deploy.code).toBe(0);
    // zbctl 8.4 deploys with the (deprecated) DeployProcess RPC, naming the resource by the path given
    const deployed = JSON.parse(deploy.stdout) as { key: string; processes: { bpmnProcessId: string; version: number; resourceName: string }[] };
    expect(deployed.processes).toEqual([expect.objectContaining({ bpmnProcessId: 'zbctl-flow', version: 1, resourceName: file })]);

    // when
    const create = await zbctl('create', 'instance', 'zbctl-flow', '--variables', '{"protocollo":"2025/17"}');
    // then
    expect(create.code).toBe(0);
    const created = JSON.parse(create.stdout) as { processInstanceKey: string; bpmnProcessId: string; version: number };
    expect(created).toMatchObject({ bpmnProcessId: 'zbctl-flow', version: 1 });

    // when
    const activate = await zbctl('activate', 'jobs', 'zbctl-work', '--maxJobsToActivate', '1', '--requestTimeout', '1s');
    // then
    expect(activate.code).toBe(0);
    const { jobs } = JSON.parse(activate.stdout) as { jobs: { key: string; processInstanceKey: string; variables: string }[] };
    expect(jobs).toHaveLength(1);
    expect(jobs[0].processInstanceKey).toBe(created.processInstanceKey);
    expect(JSON.parse(jobs[0].variables)).toEqual({ protocollo: '2025/17' });

    // when
    const complete = await zbctl('complete', 'job', jobs[0].key, '--variables', '{"archived":true}');
    // then
    expect(complete.code).toBe(0);
    expect(complete.stdout + complete.stderr).toContain(`Completed job with key '${jobs[0].key}'`);
    expect(await completedElements(h.embedded, created.processInstanceKey)).toEqual(['start', 'work', 'end', 'zbctl-flow']);

    // when: a second completion of the same job
    const again = await zbctl('complete', 'job', jobs[0].key);
    // then
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('NotFound');
  });

  it('create instance --withResult waits for the end and prints the variables', async () => {
    // given
    const file = path.join(dir, 'zbctl-none.bpmn');
    fs.writeFileSync(file, bpmn('zbctl-none', straight()));
    expect((await zbctl('deploy', file)).code).toBe(0);
    // when
    const run = await zbctl('create', 'instance', 'zbctl-none', '--withResult', '--variables', '{"esito":"positivo"}');
    // then
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { variables: string };
    expect(JSON.parse(result.variables)).toEqual({ esito: 'positivo' });
  });

  it('reports an unknown process as NotFound and a bad file as InvalidArgument', async () => {
    // given
    const bad = path.join(dir, 'broken.bpmn');
    fs.writeFileSync(bad, '<bpmn:definitions');
    // when
    const unknown = await zbctl('create', 'instance', 'zbctl-does-not-exist');
    const invalid = await zbctl('deploy', bad);
    // then
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('NotFound');
    expect(unknown.stderr).toContain('zbctl-does-not-exist');
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toContain('InvalidArgument');
    expect(invalid.stderr).toContain('broken.bpmn');
  });

  it('publishes a message, and refuses the same messageId while it is buffered', async () => {
    // when
    const first = await zbctl('publish', 'message', 'zbctl-msg', '--correlationKey', 'pratica-9', '--messageId', 'z-1', '--ttl', '1m', '--variables', '{"ok":1}');
    const second = await zbctl('publish', 'message', 'zbctl-msg', '--correlationKey', 'pratica-9', '--messageId', 'z-1', '--ttl', '1m');
    // then
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).key).toMatch(/^\d+$/);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('AlreadyExists');
    const buffered = (await h.embedded.engine.knex('messages').where({ name: 'zbctl-msg' })) as { correlation_key: string; time_to_live: number }[];
    expect(buffered.map((m) => [m.correlation_key, m.time_to_live])).toEqual([['pratica-9', 60_000]]);
  });
});
