import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/webClient.js';
import { contestazioneDeadline, disciplinareE2eProcess, E2E_PROCESS_ID } from './support/disciplinareE2eProcess.js';
import { deployFiles, formFile, startTaskStack, type TaskStack } from './support/taskStack.js';

/**
 * More open cases than one REST page holds (1,000): the task list and the scadenzario list every one,
 * page by page with the total, in deadline order, and a Comune sees exactly its own.
 */
const CASES = 1_100;
const MONZA = '108033';
const LISSONE = '108028';

let stack: TaskStack;
const created = new Map<string, string>();

beforeAll(async () => {
  stack = await startTaskStack();
  await deployFiles(stack, [formFile('disciplinare-contestazione.form'), formFile('disciplinare-notizia-fatto.form'), { name: `${E2E_PROCESS_ID}.bpmn`, content: disciplinareE2eProcess() }]);
  // given: 1,100 cases waiting for the UPD's contestazione, each with its own term (one hour apart), half per Comune
  const start = Date.now() + 86_400_000;
  for (let batch = 0; batch < CASES; batch += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, CASES - batch) }, async (_, j) => {
        const i = batch + j;
        const comune = i % 2 === 0 ? MONZA : LISSONE;
        const result = await stack.zeebe.createProcessInstance({
          bpmnProcessId: E2E_PROCESS_ID,
          variables: { codiceIstat: comune, idProcedimento: `UPD-2026-${i + 1}`, ...contestazioneDeadline(new Date(start + i * 3_600_000), 30 + Math.floor(i / 24)) },
          startInstructions: [{ elementId: 'Task_RedigiContestazione' }],
        } as never);
        created.set(String(result.processInstanceKey), comune);
      }),
    );
  }
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('lists larger than a REST page', () => {
  it('the task list has every task, page by page, in due-date order, with the total', async () => {
    // given
    const provincia = await signedInClient(stack.url, 'provincia');

    // when
    const first = await provincia.get('/api/tasks');
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push((await provincia.get(`/api/tasks?pageSize=500&page=${page}`)).body);

    // then
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: CASES, page: 1, pageSize: 50 });
    expect(first.body.items).toHaveLength(50);
    expect(pages.map((p) => p.items.length)).toEqual([500, 500, 100]);
    const items = pages.flatMap((p) => p.items as Array<{ processInstanceKey: string; dueDate: string; comune: string; businessKey: string }>);
    expect(new Set(items.map((t) => t.processInstanceKey))).toEqual(new Set(created.keys()));
    const due = items.map((t) => Date.parse(t.dueDate));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    for (const t of items) expect(t.comune).toBe(created.get(t.processInstanceKey));
    expect(items.every((t) => /^UPD-2026-\d+$/.test(t.businessKey))).toBe(true);
  });

  it('the scadenzario lists every open deadline for the Provincia, and only its own for a Comune', async () => {
    // given
    const provincia = await signedInClient(stack.url, 'provincia');
    const lissone = await signedInClient(stack.url, 'lissone');

    // when
    const [page1, page2] = [(await provincia.get('/api/deadlines?pageSize=1000')).body, (await provincia.get('/api/deadlines?pageSize=1000&page=2')).body];
    const own = (await lissone.get('/api/deadlines?pageSize=1000')).body;

    // then
    expect(page1).toMatchObject({ total: CASES, page: 1, pageSize: 1000 });
    expect(page1.counts.ok + page1.counts.soon + page1.counts.overdue).toBe(CASES);
    expect(page2.items).toHaveLength(CASES - 1000);
    const all = [...page1.items, ...page2.items] as Array<{ processInstanceKey: string; dueAt: string; comune: string; variable: string }>;
    expect(new Set(all.map((d) => d.processInstanceKey))).toEqual(new Set(created.keys()));
    expect(all.every((d) => d.variable === 'scadenzaContestazione')).toBe(true);
    const due = all.map((d) => Date.parse(d.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const lissoneCases = [...created].filter(([, c]) => c === LISSONE).map(([k]) => k);
    expect(own.total).toBe(lissoneCases.length);
    expect(new Set((own.items as Array<{ processInstanceKey: string; comune: string }>).map((d) => d.processInstanceKey))).toEqual(new Set(lissoneCases));
    expect((own.items as Array<{ comune: string }>).every((d) => d.comune === LISSONE)).toBe(true);
  });

  it('a bad page or page size is a 400 naming it, for both lists', async () => {
    const provincia = await signedInClient(stack.url, 'provincia');
    for (const url of ['/api/tasks?pageSize=501', '/api/tasks?page=0', '/api/deadlines?pageSize=abc', '/api/deadlines?page=-1']) {
      const res = await provincia.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.detail, url).toMatch(/page(Size)?=/);
    }
  });
});
