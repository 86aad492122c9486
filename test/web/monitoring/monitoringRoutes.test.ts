import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebStack, type WebStack } from '../support/webStack.js';
import { signedInClient, type WebClient } from '../support/webClient.js';
import { DESIO, MONZA, seedMonitoringRows } from './support/seedMonitoringRows.js';

let stack: WebStack;
let provincia: WebClient;
let comune: WebClient;
let auditor: WebClient;
let designer: WebClient;

beforeAll(async () => {
  stack = await startWebStack();
  await seedMonitoringRows(stack.db.knex);
  [provincia, comune, auditor, designer] = await Promise.all(['provincia', 'comune', 'auditor', 'designer'].map((u) => signedInClient(stack.url, u)));
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('/api/monitoring', () => {
  it('shows Provincia managers every Comune and a Comune user only their own, even when asking for another', async () => {
    // when
    const all = await provincia.get('/api/monitoring/volumes');
    const own = await comune.get('/api/monitoring/volumes');
    const other = await comune.get(`/api/monitoring/cases?kind=opened&comune=${DESIO}`);
    const audit = await auditor.get('/api/monitoring/deadlines');
    // then
    expect(all.body.items.map((r: { comune: string; month: string }) => `${r.month} ${r.comune}`)).toEqual([`2026-03 ${DESIO}`, `2026-03 ${MONZA}`, `2026-04 ${MONZA}`]);
    expect(own.body.items.map((r: { comune: string }) => r.comune)).toEqual([MONZA, MONZA]);
    expect(other.body.items).toEqual([]);
    expect(audit.body.items).toEqual([{ processId: 'procedimento-disciplinare', comune: MONZA, elementId: 'Task_Contestazione', nature: 'perentorio', met: 1, missed: 1 }]);
  });

  it('refuses a designer, and a bad filter with the field it names', async () => {
    // when
    const refused = await designer.get('/api/monitoring/volumes');
    const badMonth = await provincia.get('/api/monitoring/volumes?from=2026-13');
    const badKind = await provincia.get('/api/monitoring/cases?kind=tutto');
    // then
    expect(refused.status).toBe(403);
    expect(badMonth.status).toBe(400);
    expect(JSON.stringify(badMonth.body)).toContain('from');
    expect(badKind.status).toBe(400);
    expect(JSON.stringify(badKind.body)).toContain('kind');
  });

  it('exports a figure as CSV for Italian spreadsheets: BOM, semicolons, Italian headers', async () => {
    // when
    const res = await fetch(`${stack.url}/api/monitoring/deadlines?format=csv`, { headers: { cookie: cookieOf(provincia) } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // then
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1).split('\r\n')).toEqual([
      'Procedimento;Comune (ISTAT);Fase;Natura del termine;Rispettati;Non rispettati',
      `procedimento-disciplinare;${DESIO};Task_Contestazione;ordinatorio;0;1`,
      `procedimento-disciplinare;${MONZA};Task_Contestazione;perentorio;1;1`,
      '',
    ]);
  });

  it('lets a manager set a KPI target and shows met or not met per month, in the reader\u2019s scope', async () => {
    // given: "contestazione entro 20 giorni nel 90% dei casi"
    const bad = await provincia.post('/api/monitoring/targets', { name: 'Contestazione', processId: 'procedimento-disciplinare', maxDays: 20, targetPercent: 190 });
    const byComune = await comune.post('/api/monitoring/targets', { name: 'x', processId: 'procedimento-disciplinare', maxDays: 20, targetPercent: 90 });
    const created = await provincia.post('/api/monitoring/targets', { name: 'Contestazione entro 20 giorni', processId: 'procedimento-disciplinare', elementId: 'Task_Contestazione', maxDays: 20, targetPercent: 90 });
    // when
    const seen = await provincia.get('/api/monitoring/targets');
    const seenByComune = await comune.get('/api/monitoring/targets');
    // then: March 3/3 within 20 days (met), April 0/1 (not met); Monza alone: 2/3
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('targetPercent');
    expect(byComune.status).toBe(403);
    expect(created.status).toBe(201);
    expect(seen.body.items).toHaveLength(1);
    const kpi = seen.body.items[0];
    expect([kpi.total, kpi.within, kpi.met]).toEqual([4, 3, false]);
    expect(kpi.trend.map((m: { month: string; within: number; total: number; met: boolean }) => [m.month, m.within, m.total, m.met])).toEqual([['2026-03', 3, 3, true], ['2026-04', 0, 1, false]]);
    expect([seenByComune.body.items[0].total, seenByComune.body.items[0].within]).toEqual([3, 2]);
  });

  it('gives the steps in progress apart from the durations, with the age of the oldest', async () => {
    // when
    const res = await provincia.get('/api/monitoring/in-progress?processId=procedimento-disciplinare');
    const behind = await provincia.get('/api/monitoring/cases?kind=waiting&elementId=Task_Contestazione');
    // then: case 5 waits since 10 March 2026 (more than 30 days before any run of this test)
    expect(res.body.items).toEqual([{ processId: 'procedimento-disciplinare', elementId: 'Task_Contestazione', count: 1, oldest: '2026-03-10T08:00:00.000Z', oldestAgeMs: expect.any(Number), over30Days: 1 }]);
    expect(res.body.items[0].oldestAgeMs).toBeGreaterThanOrEqual(Date.now() - Date.parse('2026-03-10T08:00:00.000Z') - 60_000);
    expect(behind.body.items.map((c: { processInstanceKey: string; caseNumber: string }) => [c.processInstanceKey, c.caseNumber])).toEqual([['5', 'UPD-2026-005']]);
  });

  it('pages the cases behind a figure with the total, each with its case number, and exports them all as CSV', async () => {
    // when: the four contestazioni, longest first (30, 5, 3 and 2 days), two a page
    const first = await provincia.get('/api/monitoring/cases?kind=step&elementId=Task_Contestazione&pageSize=2');
    const second = await provincia.get('/api/monitoring/cases?kind=step&elementId=Task_Contestazione&pageSize=2&page=2');
    const own = await comune.get('/api/monitoring/cases?kind=step&elementId=Task_Contestazione&pageSize=2&page=2');
    const tooMany = await provincia.get('/api/monitoring/cases?kind=step&pageSize=501');
    const csv = await fetch(`${stack.url}/api/monitoring/cases?kind=step&elementId=Task_Contestazione&pageSize=1&format=csv`, { headers: { cookie: cookieOf(provincia) } });
    // then
    const keys = (page: { body: { items: Array<{ processInstanceKey: string; caseNumber: string | null }> } }) => page.body.items.map((c) => [c.processInstanceKey, c.caseNumber]);
    expect([first.body.total, first.body.page, first.body.pageSize]).toEqual([4, 1, 2]);
    expect(keys(first)).toEqual([['3', 'UPD-2026-003'], ['2', 'UPD-2026-002']]);
    expect(keys(second)).toEqual([['4', null], ['1', 'UPD-2026-001']]);
    expect([own.body.total, keys(own)]).toEqual([3, [['1', 'UPD-2026-001']]]);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('pageSize');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Istanza di processo;Procedimento;Comune (ISTAT);Dettaglio;Data;Numero pratica');
    expect(lines.slice(1, -1).map((l) => l.split(';')[0])).toEqual(['3', '2', '4', '1']);
    expect(lines[1].split(';')[5]).toBe('UPD-2026-003');
  });

  it('lets a manager edit and delete a target, audited like its creation, and refuses Comune users and auditors', async () => {
    // given
    const created = await provincia.post('/api/monitoring/targets', { name: 'Da modificare', processId: 'procedimento-disciplinare', maxDays: 10, targetPercent: 80 });
    const id = created.body.id as number;
    const terms = { name: 'Procedimento entro 30 giorni', processId: 'procedimento-disciplinare', maxDays: 30, targetPercent: 75 };
    // when
    const byComune = await comune.request('PUT', `/api/monitoring/targets/${id}`, terms);
    const deleteByAuditor = await auditor.request('DELETE', `/api/monitoring/targets/${id}`);
    const bad = await provincia.request('PUT', `/api/monitoring/targets/${id}`, { ...terms, maxDays: 0 });
    const edited = await provincia.request('PUT', `/api/monitoring/targets/${id}`, terms);
    const afterEdit = (await provincia.get('/api/monitoring/targets')).body.items.find((k: { id: number }) => k.id === id);
    const deleted = await provincia.request('DELETE', `/api/monitoring/targets/${id}`);
    const again = await provincia.request('DELETE', `/api/monitoring/targets/${id}`);
    const editGone = await provincia.request('PUT', `/api/monitoring/targets/${id}`, terms);
    const afterDelete = (await provincia.get('/api/monitoring/targets')).body.items.map((k: { id: number }) => k.id);
    // then: the whole case within 30 days: the cases of 2, 5, 30 and 3 days, 4 of 4
    expect([byComune.status, deleteByAuditor.status]).toEqual([403, 403]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('maxDays');
    expect(edited.status).toBe(200);
    expect([afterEdit.name, afterEdit.maxDays, afterEdit.targetPercent, afterEdit.createdBy, afterEdit.total, afterEdit.within]).toEqual(['Procedimento entro 30 giorni', 30, 75, 'provincia', 4, 4]);
    expect(deleted.status).toBe(204);
    expect([again.status, editGone.status]).toEqual([404, 404]);
    expect(afterDelete).not.toContain(id);
    const entries = (await stack.db.knex('audit_entries').where({ entity_type: 'kpi-target', entity_key: String(id) }).orderBy('seq').select('action', 'actor_id', 'data')) as Array<{ action: string; actor_id: string; data: string }>;
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([['kpi-target.create', 'provincia'], ['kpi-target.update', 'provincia'], ['kpi-target.delete', 'provincia']]);
    expect(JSON.parse(entries[1].data)).toMatchObject({ prima: { name: 'Da modificare', maxDays: 10 }, obiettivo: { name: 'Procedimento entro 30 giorni', maxDays: 30 } });
    expect(JSON.parse(entries[2].data)).toMatchObject({ prima: { name: 'Procedimento entro 30 giorni' } });
  });

  it('prints the period report as a PDF', async () => {
    // when
    const res = await fetch(`${stack.url}/api/monitoring/report.pdf?from=2026-03&to=2026-04`, { headers: { cookie: cookieOf(provincia) } });
    const bytes = Buffer.from(await res.arrayBuffer());
    // then
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

function cookieOf(client: WebClient): string {
  const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
