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
