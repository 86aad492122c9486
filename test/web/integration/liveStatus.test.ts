import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { startWebStack, updTestProcess, waitFor, type WebStack } from '../support/webStack.js';
import { WebClient, signedInClient } from '../support/webClient.js';

let stack: WebStack;
let definitionKey: string;
let monzaKey: string;
let lissoneKey: string;

const signedIn = (username: string) => signedInClient(stack.url, username);

/** Reads server-sent events until `until` returns true for one; returns all events read. */
async function readEvents(url: string, cookieFrom: WebClient, until: (e: { event: string; data: any }) => boolean, timeoutMs = 10_000) {
  const cookie = (cookieFrom as unknown as { cookies: Map<string, string> }).cookies;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const res = await fetch(url, { headers: { cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join('; ') }, signal: controller.signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: Array<{ event: string; data: any }> = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const parsed = { event, data: JSON.parse(data) };
        events.push(parsed);
        if (until(parsed)) return events;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

beforeAll(async () => {
  stack = await startWebStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('deploy through the web app (Camunda REST API)', () => {
  it('deploys a diagram and records it in the audit trail', async () => {
    // given
    const designer = await signedIn('designer');

    // when
    const res = await designer.post('/api/deployments', { resources: [{ name: 'procedimento-disciplinare-web.bpmn', content: updTestProcess() }] });

    // then
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.deployed[0]).toMatchObject({ kind: 'process', id: 'procedimento-disciplinare-web', version: 1 });
    definitionKey = res.body.deployed[0].key;
    const audit = await searchAuditTrail(stack.db, { action: 'process.deploy', entityKey: definitionKey });
    expect(audit.items).toHaveLength(1);
    const list = await designer.get('/api/processes');
    expect(list.body.items.map((d: { processDefinitionId: string }) => d.processDefinitionId)).toContain('procedimento-disciplinare-web');
    const xml = await designer.get(`/api/processes/${definitionKey}/xml`);
    expect(xml.body).toContain('Task_Contestazione');
  });

  it("shows the engine's reason when it refuses a diagram", async () => {
    const designer = await signedIn('designer');
    const broken = updTestProcess('procedimento-rotto').replace('<zeebe:taskDefinition type="web-test-registra" />', '');
    const res = await designer.post('/api/deployments', { resources: [{ name: 'procedimento-rotto.bpmn', content: broken }] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ENGINE_REJECTED');
    expect(res.body.detail).toContain('Task_Registra');
  });
});

describe('live status and scope against the real engine', () => {
  beforeAll(async () => {
    const start = (codiceIstat: string) =>
      stack.zeebe.createProcessInstance({
        bpmnProcessId: 'procedimento-disciplinare-web',
        variables: { codiceIstat, idProcedimento: `UPD-${codiceIstat}`, scadenzaContestazione: '2030-01-31T23:59:59+01:00' },
      } as never);
    monzaKey = String((await start('108033')).processInstanceKey);
    lissoneKey = String((await start('108028')).processInstanceKey);
  });

  it('counts active tokens per element, narrowed to the Comune of the user', async () => {
    const provincia = await signedIn('provincia');
    const all = await waitFor(async () => {
      const res = await provincia.get(`/api/processes/${definitionKey}/statistics`);
      const task = res.body.items?.find((s: { elementId: string }) => s.elementId === 'Task_Registra');
      return task?.active === 2 && res.body.items;
    }, 10_000, 'two active tokens');
    expect(all.find((s: { elementId: string }) => s.elementId === 'Task_Registra').active).toBe(2);

    const comune = await signedIn('comune');
    const mine = await comune.get(`/api/processes/${definitionKey}/statistics`);
    expect(mine.body.items.find((s: { elementId: string }) => s.elementId === 'Task_Registra').active).toBe(1);
  });

  it("a Comune user gets 404 for another Comune's instance and finds its own", async () => {
    const comune = await signedIn('comune');
    expect((await comune.get(`/api/instances/${lissoneKey}`)).status).toBe(404);
    expect((await comune.get(`/api/instances/${lissoneKey}/variables`)).status).toBe(404);
    const list = await comune.get('/api/instances');
    expect(list.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey)).toEqual([monzaKey]);
    expect(list.body.items[0].codiceIstat).toBe('108033');
    const byKey = await comune.get('/api/instances?businessKey=UPD-108033');
    expect(byKey.body.items).toHaveLength(1);
  });

  it('streams a snapshot, then a patch when a worker completes the job', async () => {
    // given
    const provincia = await signedIn('provincia');
    const url = `${stack.url}/api/instances/${monzaKey}/live`;
    const completing = (async () => {
      await new Promise((r) => setTimeout(r, 400));
      const jobs = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'web-test', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: -1 } as never);
      const job = jobs.find((j) => String(j.processInstanceKey) === monzaKey)!;
      await stack.zeebe.completeJob({ jobKey: job.key, variables: {} });
    })();

    // when
    const events = await readEvents(url, provincia, (e) => e.event === 'patch' && JSON.stringify(e.data).includes('Task_Contestazione'));
    await completing;

    // then
    expect(events[0].event).toBe('snapshot');
    expect(events[0].data.instance.processInstanceKey).toBe(monzaKey);
    expect(events[0].data.elements.find((e: { elementId: string }) => e.elementId === 'Task_Registra').active).toBe(1);
    const status = await provincia.get(`/api/instances/${monzaKey}/status`);
    expect(status.body.flows).toEqual(expect.arrayContaining(['Flow_1', 'Flow_2']));
    expect(status.body.elements.find((e: { elementId: string }) => e.elementId === 'Task_Contestazione').active).toBe(1);
    expect(status.body.variables.find((v: { name: string }) => v.name === 'scadenzaContestazione').value).toBe('2030-01-31T23:59:59+01:00');
  });
});
