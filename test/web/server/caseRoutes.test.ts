import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { signedInClient } from '../support/webClient.js';
import { updTestProcess, waitFor } from '../support/webStack.js';
import { contestazioneDeadline } from '../tasks/support/disciplinareE2eProcess.js';
import { deployFiles, formFile, processFile, produceTestDocument, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * The Pratiche API on the real stack (embedded engine over REST, SQLite app database): a disciplinary case
 * of Monza inside its called contestazione, one of Lissone waiting for the Comune's segnalazione.
 */
let stack: TaskStack;
let monzaRoot: string;
let monzaChild: string;
let lissoneRoot: string;
let documentSha: string;

const signedIn = (username: string) => signedInClient(stack.url, username);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const activeAt = async (pik: string, elementId: string) => (await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === elementId && e.state === 'ACTIVE');

beforeAll(async () => {
  stack = await startTaskStack();
  await seedComuni(stack.db.knex);
  await deployFiles(stack, [
    formFile('disciplinare-notizia-fatto.form'),
    formFile('disciplinare-rimprovero-verbale.form'),
    formFile('disciplinare-contestazione.form'),
    formFile('disciplinare-consegna-alternativa.form'),
    processFile('procedimento-disciplinare-contestazione.bpmn'),
    processFile('procedimento-disciplinare.bpmn'), processFile('disciplinare-competenza.dmn'),
    // a concorso of the selezione service, standing at its first step with its applicants' list
    { name: 'selezione-prova.bpmn', content: updTestProcess('selezione-personale-prova') },
  ]);
  await stack.engine.createProcessInstance('selezione-personale-prova', {
    idConcorso: 'CONC-2026-7',
    comuniAderenti: [{ codiceIstat: '108033', nome: 'Monza' }],
    candidati: [{ nominativo: 'Bianchi Laura', codiceFiscale: 'BNCLRA90B41F704Y', email: 'l.bianchi@example.it' }, { nominativo: 'Verdi Marco', codiceFiscale: 'VRDMRC85C12F205Z', email: 'm.verdi@example.it' }],
  });
  // given: Monza's case at the contestazione (the UPD writes it under the 30-day perentorio term)
  ({ processInstanceKey: monzaRoot } = await stack.engine.createProcessInstance(
    'procedimento-disciplinare',
    { idProcedimento: 'UPD-2026-1', codiceIstat: '108033', matricolaDipendente: 'M-7', codiceFiscaleDipendente: 'RSSMRA80A01F704X', dataConoscenza: inDays(-3), gravita: 'upd', ...contestazioneDeadline(new Date()) },
    { startElementIds: ['Call_Contestazione'] },
  ));
  monzaChild = await waitFor(async () => {
    const called = await stack.engine.searchProcessInstances({ parentProcessInstanceKey: monzaRoot }, { from: 0, limit: 10 });
    const child = called.items.find((c) => c.parentProcessInstanceKey === monzaRoot);
    return child && (await activeAt(child.processInstanceKey, 'Task_RedigiContestazione')) ? child.processInstanceKey : undefined;
  }, 15_000, 'the contestazione sub-case');
  documentSha = await produceTestDocument(stack, monzaChild, 'UPD-2026-1', 'atto-di-contestazione');
  // and Lissone's case waiting for the segnalazione
  ({ processInstanceKey: lissoneRoot } = await stack.engine.createProcessInstance(
    'procedimento-disciplinare',
    { idProcedimento: 'UPD-2026-2', codiceIstat: '108028', matricolaDipendente: 'L-12', dataConoscenza: inDays(-2), scadenzaSegnalazione: `${inDays(8)}T00:00:00+01:00` },
    { startElementIds: ['Receive_Segnalazione'] },
  ));
  await waitFor(async () => (await activeAt(lissoneRoot, 'Receive_Segnalazione')) || undefined, 15_000, 'Receive_Segnalazione');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/cases/:caseNumber — the case file by its number', () => {
  it('tells the UPD what the case is, where it stands, who must act, its deadline, documents and sub-case', async () => {
    // given
    const upd = await signedIn('provincia');
    const task = await waitFor(async () => (await stack.tasks.searchTasks({ state: 'CREATED', processInstanceKey: monzaChild }))[0], 10_000, 'the task');
    expect((await upd.post(`/api/tasks/${task.userTaskKey}/claim`)).status).toBe(200);

    // when
    const res = await upd.get('/api/cases/UPD-2026-1');

    // then
    expect(res.status).toBe(200);
    const file = res.body;
    expect(file.caseNumber).toBe('UPD-2026-1');
    expect(file.rootProcessInstanceKey).toBe(monzaRoot);
    expect(file.summary).toMatchObject({ procedure: 'Procedimento disciplinare (UPD associato)', state: 'ACTIVE', comuni: [{ codiceIstat: '108033', nome: 'Monza' }] });
    expect(file.summary.parties).toContainEqual({ role: 'Dipendente', name: 'matricola M-7 · RSSMRA80A01F704X' });
    expect(file.summary.phase).toBe("Contestazione d'addebito › Redigi la contestazione d'addebito e la convocazione");
    expect(file.nextSteps).toContainEqual(expect.objectContaining({ kind: 'task', userTaskKey: task.userTaskKey, assignee: 'provincia', candidateGroups: ['provincia-upd'], mine: true, phase: "Contestazione d'addebito e convocazione" }));
    expect(file.deadlines).toContainEqual(expect.objectContaining({ variable: 'scadenzaContestazione', nature: 'perentorio', status: 'ok' }));
    expect(file.subCases).toEqual([expect.objectContaining({ processInstanceKey: monzaChild, callActivityId: 'Call_Contestazione', callActivityName: "Contestazione d'addebito", state: 'ACTIVE' })]);
    // the diagram is the called process the token is in, zoomed on the task
    expect(file.diagram).toMatchObject({ processInstanceKey: monzaChild, procedure: "Contestazione d'addebito e convocazione", focusElementIds: ['Task_RedigiContestazione'] });
    expect(file.timeline).toContainEqual(expect.objectContaining({ action: 'task.claim', who: 'provincia', what: "Redigi la contestazione d'addebito e la convocazione" }));
    expect(file.mayOperate).toBe(true);
  });

  it('shows the case data with the forms’ Italian labels and Italian dates, never raw JSON or bookkeeping', async () => {
    const res = await (await signedIn('provincia')).get('/api/cases/UPD-2026-1');
    const data = res.body.data as Array<{ key: string; label: string; value: string }>;
    const [y, m, d] = inDays(-3).split('-');
    expect(data).toContainEqual({ key: 'matricolaDipendente', label: 'Matricola del dipendente', value: 'M-7' });
    expect(data).toContainEqual({ key: 'dataConoscenza', label: 'Data in cui si è avuta conoscenza del fatto', value: `${d}/${m}/${y}` });
    expect(data).toContainEqual({ key: 'gravita', label: 'Competenza', value: 'Sanzione superiore (competenza dell’UPD)' });
    expect(data.map((f) => f.key)).not.toContain('scadenze');
    expect(data.map((f) => f.key)).not.toContain('scadenzaContestazione');
    expect(data.map((f) => f.key)).not.toContain('codiceIstat');
    for (const f of data) expect(f.value, f.key).not.toMatch(/[{}[\]]|\d{4}-\d{2}-\d{2}/);
  });

  it('lists every document with its SHA-256 and serves it, checked against the hash', async () => {
    const upd = await signedIn('provincia');
    const file = (await upd.get('/api/cases/UPD-2026-1')).body;
    const doc = file.documents.find((x: { sha256: string }) => x.sha256 === documentSha);
    expect(doc).toMatchObject({ kind: 'atto-di-contestazione', name: `atto-di-contestazione-${monzaChild}.pdf` });
    expect(Number.isFinite(Date.parse(doc.createdAt))).toBe(true);
    // the bytes as they are (WebClient reads text): its session cookie on a plain fetch
    const cookies = (upd as unknown as { cookies: Map<string, string> }).cookies;
    const res = await fetch(`${stack.url}${doc.href}`, { headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(documentSha);
  });

  it('opens a sub-case with a link back to its parent, and a case without number by its key', async () => {
    const upd = await signedIn('provincia');
    const sub = await upd.get(`/api/cases/UPD-2026-1?istanza=${monzaChild}`);
    expect(sub.status).toBe(200);
    expect(sub.body.parent).toEqual({ processInstanceKey: monzaRoot, procedure: 'Procedimento disciplinare (UPD associato)' });
    expect(sub.body.summary.procedure).toBe("Contestazione d'addebito e convocazione");
    expect(sub.body.summary.phase).toBe("Redigi la contestazione d'addebito e la convocazione");
    const byKey = await upd.get(`/api/cases/${monzaRoot}`);
    expect(byKey.body.caseNumber).toBe('UPD-2026-1');
    expect((await upd.get(`/api/cases/UPD-2026-1?istanza=${lissoneRoot}`)).status).toBe(404);
  });

  it('offers the Comune the segnalazione as the next step and records it in the timeline in words', async () => {
    // given
    const lissone = await signedIn('lissone');
    const before = (await lissone.get('/api/cases/UPD-2026-2')).body;
    expect(before.nextSteps).toContainEqual(expect.objectContaining({ kind: 'message', messageId: 'segnalazione', processInstanceKey: lissoneRoot, mayDeliver: true }));
    expect(before.nextSteps.find((s: { kind: string }) => s.kind === 'message').who).toContain('Comune');
    expect(before.mayOperate).toBe(false);

    // when
    const sent = await lissone.post(`/api/instances/${lissoneRoot}/messages/segnalazione`, { values: { dataRicezioneSegnalazione: today(), testoSegnalazione: 'Assenze ingiustificate.' } });

    // then
    expect(sent.status).toBe(201);
    const after = (await lissone.get('/api/cases/UPD-2026-2')).body;
    expect(after.timeline).toContainEqual(expect.objectContaining({ action: 'instance.message', who: 'lissone', what: "Trasmetti la segnalazione all'UPD" }));
    expect(after.timeline.map((e: { action: string }) => e.action)).not.toContain('case.read');
  });
});

describe('case scope', () => {
  it('a Comune user cannot open another Comune’s case, nor its documents: 404 naming the number', async () => {
    const lissone = await signedIn('lissone');
    const res = await lissone.get('/api/cases/UPD-2026-1');
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Pratica UPD-2026-1 non trovata tra quelle che puoi consultare.');
    expect((await lissone.get(`/api/cases/UPD-2026-1/documents/${documentSha}`)).status).toBe(404);
    expect((await lissone.get(`/api/cases/${monzaRoot}`)).status).toBe(404);
    expect((await (await signedIn('comune')).get('/api/cases/UPD-2026-1')).status).toBe(200);
  });

  it('an auditor reads the case but acts on nothing; a designer gets 403', async () => {
    const auditor = await signedIn('auditor');
    const file = (await auditor.get('/api/cases/UPD-2026-1')).body;
    expect(file.mayOperate).toBe(false);
    expect(file.nextSteps.filter((s: { kind: string }) => s.kind === 'task').every((s: { mine: boolean }) => !s.mine)).toBe(true);
    const designer = await signedIn('designer');
    const refused = await designer.get('/api/cases/UPD-2026-1');
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Il tuo ruolo non consente di consultare le pratiche.');
  });

  it('refuses a malformed number with 400 naming it', async () => {
    const res = await (await signedIn('provincia')).get('/api/cases/%3Cscript%3E');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_CASE_NUMBER');
  });
});

describe('GET /api/cases — the Pratiche search', () => {
  it('finds by number, employee and Comune within the user’s scope, paged with the total', async () => {
    const upd = await signedIn('provincia');
    const numbers = async (q: string) => ((await upd.get(`/api/cases?q=${encodeURIComponent(q)}`)).body.items as Array<{ caseNumber: string }>).map((i) => i.caseNumber);
    expect(await numbers('upd-2026')).toEqual(['UPD-2026-2', 'UPD-2026-1']);
    expect(await numbers('rssmra80')).toEqual(['UPD-2026-1']);
    expect(await numbers('lissone')).toEqual(['UPD-2026-2']);
    const byEmployee = (await upd.get('/api/cases?q=RSSMRA80')).body.items[0];
    expect(byEmployee).toMatchObject({ matchedOn: 'Dipendente: RSSMRA80A01F704X', comuni: [{ codiceIstat: '108033', nome: 'Monza' }], procedure: 'Procedimento disciplinare (UPD associato)' });
    const paged = (await upd.get('/api/cases?q=UPD-2026&pageSize=1&page=2')).body;
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((i: { caseNumber: string }) => i.caseNumber)).toEqual(['UPD-2026-1']);
    // the called phase carries a copy of the number, but the list names cases, not phases
    expect((await upd.get('/api/cases?q=UPD-2026-1')).body.total).toBe(1);
  });

  it('finds a concorso by one of its candidates, accents and case aside', async () => {
    const upd = await signedIn('provincia');
    const found = (await upd.get('/api/cases?q=bianchi')).body;
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ caseNumber: 'CONC-2026-7', matchedOn: 'Candidato: Bianchi Laura · BNCLRA90B41F704Y', parties: [{ role: 'Candidati', name: '2 candidati' }], comuni: [{ codiceIstat: '108033', nome: 'Monza' }] });
    expect((await upd.get('/api/cases?q=vrdmrc85')).body.items.map((i: { caseNumber: string }) => i.caseNumber)).toEqual(['CONC-2026-7']);
    expect((await upd.get('/api/cases?process=procedimento-disciplinare')).body.items.map((i: { caseNumber: string }) => i.caseNumber)).toEqual(['UPD-2026-2', 'UPD-2026-1']);
    // Lissone is not among the concorso's Comuni
    expect((await (await signedIn('lissone')).get('/api/cases?q=bianchi')).body.total).toBe(0);
  });

  it('a Comune user finds only its Comune’s cases', async () => {
    const lissone = await signedIn('lissone');
    const found = (await lissone.get('/api/cases?q=UPD-2026')).body;
    expect(found.items.map((i: { caseNumber: string }) => i.caseNumber)).toEqual(['UPD-2026-2']);
    expect(found.total).toBe(1);
  });

  it('refuses bad filters with 400 naming them', async () => {
    const upd = await signedIn('provincia');
    const big = await upd.get('/api/cases?pageSize=1000');
    expect(big.status).toBe(400);
    expect(big.body.detail).toContain('pageSize=1000');
    const state = await upd.get('/api/cases?state=FINITO');
    expect(state.status).toBe(400);
    expect(state.body.field).toBe('state');
  });
});
