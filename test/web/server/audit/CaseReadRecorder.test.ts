import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail, type AuditEntry } from '../../../../src/audit/index.js';
import { signedInClient, type WebClient } from '../../../web/support/webClient.js';
import { AUDIT_PROCESS_ID, auditTestProcess } from '../../../audit-web/support/auditProcess.js';
import { startAuditStack, type AuditStack } from '../../../audit-web/support/auditStack.js';

let stack: AuditStack;
let key: string;

const reads = async (processInstanceKey: string, actorId: string): Promise<AuditEntry[]> =>
  (await searchAuditTrail(stack.db, { action: 'case.read', entityKey: processInstanceKey, actorId }, { limit: 100 })).items;

/** Opens the live stream as the page's EventSource does, reads its first event, and closes it. */
async function openLive(client: WebClient, path: string): Promise<string> {
  const cookie = (client as unknown as { cookies: Map<string, string> }).cookies;
  const controller = new AbortController();
  const res = await fetch(stack.url + path, { headers: { cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/event-stream' }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/^event: snapshot$/m.test(text)) text += (await reader.read()).value ?? '';
  controller.abort();
  return text;
}

/** What the case page (web/client/src/views/instanceView.ts) asks for when it opens. */
async function openCasePage(client: WebClient, processInstanceKey: string, pageView?: string): Promise<void> {
  const q = pageView ? `?pageView=${pageView}` : '';
  expect((await client.get(`/api/instances/${processInstanceKey}/status${q}`)).status).toBe(200);
  expect((await client.get(`/api/instances/${processInstanceKey}/messages${q}`)).status).toBe(200);
  expect(await openLive(client, `/api/instances/${processInstanceKey}/live${q}`)).toMatch(/^event: snapshot/m);
}

beforeAll(async () => {
  stack = await startAuditStack();
  await stack.engine.deploy([{ name: `${AUDIT_PROCESS_ID}.bpmn`, content: Buffer.from(auditTestProcess()) }]);
  key = String((await stack.zeebe.createProcessInstance({ bpmnProcessId: AUDIT_PROCESS_ID, variables: { codiceIstat: '108033', idProcedimento: 'UPD-LETTURE', protocolloOk: true } } as never)).processInstanceKey);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('reads of a disciplinary case', () => {
  it('records one read per opening of the case page, though the page makes three calls', async () => {
    // given
    const provincia = await signedInClient(stack.url, 'provincia');

    // when: the page opened, then opened again (a new page view)
    await openCasePage(provincia, key, 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
    const afterFirst = await reads(key, 'provincia');
    await openCasePage(provincia, key, '0f9e8d7c6b5a49382716a5b4c3d2e1f0');

    // then
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]).toMatchObject({ actor: { id: 'provincia' }, entity: { comune: '108033' }, data: { view: 'status', pageView: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' } });
    expect((await reads(key, 'provincia')).map((e) => e.data.pageView)).toEqual(['a1b2c3d4e5f60718293a4b5c6d7e8f90', '0f9e8d7c6b5a49382716a5b4c3d2e1f0']);
  });

  it('records the same three calls from a client without a page id once too', async () => {
    // given
    const comune = await signedInClient(stack.url, 'comune');

    // when
    await openCasePage(comune, key);

    // then
    expect(await reads(key, 'comune')).toHaveLength(1);
  });

  it('refuses a malformed page id with 400 and records nothing', async () => {
    // given
    const auditor = await signedInClient(stack.url, 'auditor');

    // when
    const res = await auditor.get(`/api/instances/${key}/status?pageView=${encodeURIComponent('<script>')}`);

    // then
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/pageView/);
    expect(await reads(key, 'auditor')).toEqual([]);
  });
});
