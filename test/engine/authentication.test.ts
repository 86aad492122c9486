import { Camunda8 } from '@camunda8/sdk';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, engineLogin, records, sdkAuthSettings, sdkClient, startHarness, type EngineLogin, type Harness } from '../support/engineHarness.js';
import { grpc, rawGateway } from '../support/rawGateway.js';
import { straight, task } from '../support/bpmnSnippets.js';
import { TOKEN_ISSUER } from '../../src/gateway/auth/EngineAuthenticator.js';

/** The gRPC face with authentication on (the default): Bearer tokens from the engine's token endpoint, or Basic. */
describe('gRPC gateway authentication', () => {
  let h: Harness;
  let login: EngineLogin;
  beforeAll(async () => {
    h = await startHarness({ rest: { host: '127.0.0.1', port: 0 } });
    login = engineLogin(h.address) as EngineLogin;
    await deployXml(h.zeebe, 'auth-flow.bpmn', bpmn('auth-flow', straight({ id: 'work', xml: task('work', 'auth-work') })));
  });
  afterAll(async () => {
    await h.stop();
  });

  const instanceCount = async (): Promise<number> => Number(((await h.embedded.engine.knex('records').where({ value_type: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING', element_id: 'auth-flow' }).count('* as n').first()) as { n: number }).n);

  it('refuses calls without credentials with UNAUTHENTICATED and runs none of them', async () => {
    // given
    const anonymous = rawGateway(h.address, null);
    const before = await instanceCount();
    // when
    const topology = await anonymous.fail('Topology', {});
    const create = await anonymous.fail('CreateProcessInstance', { bpmnProcessId: 'auth-flow', version: -1 });
    const activate = await anonymous.activate({ type: 'auth-work', worker: 'w', maxJobsToActivate: 1, timeout: 1000, requestTimeout: 100 }).then(
      () => undefined,
      (error: grpc.ServiceError) => error.code,
    );
    anonymous.close();
    // then
    expect(topology.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(topology.details).toContain("'authorization' header");
    expect(create.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(activate).toBe(grpc.status.UNAUTHENTICATED);
    expect(await instanceCount()).toBe(before);
  });

  it('refuses a wrong Basic password, a token signed with another key and an unknown scheme', async () => {
    // given
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(TOKEN_ISSUER).setSubject(login.clientId).setExpirationTime('1h').sign(new Uint8Array(32));
    const cases = { basic: `Basic ${Buffer.from(`${login.clientId}:wrong-secret`).toString('base64')}`, forged: `Bearer ${forged}`, scheme: 'Digest abc' };
    // when
    const codes: Record<string, number> = {};
    for (const [name, header] of Object.entries(cases)) {
      const client = new grpc.Client(h.address, grpc.credentials.createInsecure());
      const metadata = new grpc.Metadata();
      metadata.set('authorization', header);
      codes[name] = await new Promise<number>((resolve) =>
        client.makeUnaryRequest('/gateway_protocol.Gateway/Topology', () => Buffer.alloc(0), (b: Buffer) => b, {}, metadata, (error) => resolve(error?.code ?? 0)),
      );
      client.close();
    }
    // then
    expect(codes).toEqual({ basic: grpc.status.UNAUTHENTICATED, forged: grpc.status.UNAUTHENTICATED, scheme: grpc.status.UNAUTHENTICATED });
  });

  it('lets @camunda8/sdk in with OAuth and with Basic, and refuses it with CAMUNDA_AUTH_STRATEGY=NONE', async () => {
    // given
    const oauth = sdkClient(h.address, login);
    const basic = new Camunda8({ ZEEBE_GRPC_ADDRESS: `grpc://${h.address}`, ...sdkAuthSettings({ ...login, tokenUrl: undefined }), CAMUNDA_LOG_LEVEL: 'none', ZEEBE_CLIENT_LOG_LEVEL: 'NONE' } as never).getZeebeGrpcApiClient();
    const none = sdkClient(h.address, null);
    // when
    const byOauth = await oauth.createProcessInstance({ bpmnProcessId: 'auth-flow', variables: {} });
    const byBasic = await basic.createProcessInstance({ bpmnProcessId: 'auth-flow', variables: {} });
    const refused = await none.topology().then(() => 'accepted', (error: Error) => error.message);
    await Promise.all([oauth.close(), basic.close(), none.close()]);
    // then: the audit actor is the principal that was authenticated
    const actorOf = async (key: string) => ((await records(h.embedded, key, 'PROCESS_INSTANCE_CREATION')) as unknown as { actor_id: string; actor_type: string }[]).map((r) => `${r.actor_type}:${r.actor_id}`);
    expect(await actorOf(byOauth.processInstanceKey)).toContain(`CLIENT:${login.clientId}`);
    expect(await actorOf(byBasic.processInstanceKey)).toContain(`USER:${login.clientId}`);
    expect(refused).toMatch(/UNAUTHENTICATED|16/);
  });

  it('records the authenticated principal, not a principal the client puts in its own metadata', async () => {
    // given: valid Basic credentials plus the keys the gateway uses inside for the principal
    const raw = rawGateway(h.address, login, { 'x-embedded-engine-principal-id': 'someone-else', 'x-embedded-engine-principal-type': 'USER' });
    // when
    const created = await raw.call('CreateProcessInstance', { bpmnProcessId: 'auth-flow', version: -1 });
    raw.close();
    // then
    const rows = (await records(h.embedded, created.processInstanceKey)) as unknown as { actor_id: string | null }[];
    expect(new Set(rows.map((r) => r.actor_id).filter(Boolean))).toEqual(new Set([login.clientId]));
  });
});
