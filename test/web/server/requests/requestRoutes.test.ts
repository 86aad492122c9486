import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../../src/audit/index.js';
import { seedComuni } from '../../../../src/demo/seedDemo.js';
import { signedInClient } from '../../support/webClient.js';
import { waitFor } from '../../support/webStack.js';
import { deployFiles, formFile, processFile, REPO, startTaskStack, type TaskStack } from '../../tasks/support/taskStack.js';

/** «Nuova richiesta» and «Richieste in arrivo» over real HTTP, the app's SQLite and the embedded engine. */
let stack: TaskStack;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const year = () => Number(today().slice(0, 4));

beforeAll(async () => {
  stack = await startTaskStack();
  await seedComuni(stack.db.knex);
  const forms = fs.readdirSync(path.join(REPO, 'processes/forms')).filter((f) => f.endsWith('.form')).map(formFile);
  const processes = fs.readdirSync(path.join(REPO, 'processes')).filter((f) => f.endsWith('.bpmn') || f.endsWith('.dmn')).map(processFile);
  await deployFiles(stack, [...forms, ...processes]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const rootVariable = async (pik: string, name: string) => {
  const v = (await stack.engine.searchVariables({ processInstanceKey: pik, name })).find((x) => x.scopeKey === pik);
  return v ? JSON.parse(v.value) : undefined;
};

describe('a Comune files a request from «Nuova richiesta»', () => {
  it('a segnalazione opens a disciplinary case of the user’s Comune at «Registra la notizia del fatto», prefilled; audited', async () => {
    // given
    const comune = await signedInClient(stack.url, 'comune');

    // when
    const res = await comune.post('/api/requests', { kind: 'segnalazione', values: { matricolaDipendente: 'M-204', dataConoscenza: today(), descrizioneFatto: 'Assenze ingiustificate il 2 e 3.' } });

    // then
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'segnalazione', processDefinitionId: 'procedimento-disciplinare', outcome: 'started', businessKey: `UPD-${year()}-108033-001` });
    const pik = res.body.processInstanceKey as string;
    expect(await rootVariable(pik, 'codiceIstat')).toBe('108033');
    expect(await rootVariable(pik, 'idProcedimento')).toBe(`UPD-${year()}-108033-001`);
    expect(await rootVariable(pik, 'dataConoscenza')).toBe(today());
    const task = await waitFor(async () => {
      const items = (await comune.get('/api/tasks?process=procedimento-disciplinare')).body.items as Array<{ elementId: string; processInstanceKey: string }>;
      return items.find((i) => i.elementId === 'Task_RegistraNotizia' && i.processInstanceKey === pik);
    }, 15_000, 'the notizia task for the Comune');
    expect(task).toBeDefined();

    // when: the Comune registers the notizia and the deadline worker computes the 10-day term
    const done = await comune.post(`/api/tasks/${(task as unknown as { userTaskKey: string }).userTaskKey}/complete`, {
      variables: { codiceIstat: '108033', matricolaDipendente: 'M-204', codiceFiscaleDipendente: 'RSSMRA80A01F704X', dataConoscenza: today(), descrizioneFatto: 'Assenze ingiustificate il 2 e 3.', gravita: 'upd', flagranza: false },
    });
    expect(done.status, JSON.stringify(done.body)).toBeLessThan(300);
    const job = await waitFor(async () => {
      const found = (await stack.zeebe.activateJobs({ type: 'upd-calcola-scadenze', worker: 'test', timeout: 1_000, maxJobsToActivate: 32, requestTimeout: 500 } as never)) as { key: string; processInstanceKey: string }[];
      return found.find((j) => String(j.processInstanceKey) === pik);
    }, 15_000, 'the segnalazione term job');
    await stack.zeebe.completeJob({ jobKey: job.key, variables: { scadenzaSegnalazione: `${today()}T23:59:00+01:00` } } as never);

    // then: the request was the segnalazione: kept by the engine, it correlates as soon as the case waits for it
    await waitFor(async () => (await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === 'Receive_Segnalazione' && e.state === 'COMPLETED') || undefined, 15_000, 'the segnalazione correlated');
    expect(await rootVariable(pik, 'dataRicezioneSegnalazione')).toBe(today());
    expect(await rootVariable(pik, 'testoSegnalazione')).toBe('Assenze ingiustificate il 2 e 3.');
    const trail = await searchAuditTrail(stack.db, { action: 'request.file' });
    expect(JSON.stringify(trail.items)).toContain(`"businessKey":"UPD-${year()}-108033-001"`);
    expect(trail.items[0]).toMatchObject({ actor: { id: 'comune' } });
    // a second one gets the next number
    const second = await comune.post('/api/requests', { kind: 'segnalazione', values: { matricolaDipendente: 'M-205', dataConoscenza: today(), descrizioneFatto: 'Altro fatto.' } });
    expect(second.body.businessKey).toBe(`UPD-${year()}-108033-002`);
  });

  it('a concorso request starts a concorso associato for this Comune only; training needs start the plan, then join it', async () => {
    const lissone = await signedInClient(stack.url, 'lissone');
    const concorso = await lissone.post('/api/requests', { kind: 'concorso', values: { profiloRichiesto: 'Istruttore amministrativo', postiRichiesti: '2' } });
    expect(concorso.status, JSON.stringify(concorso.body)).toBe(201);
    expect(await rootVariable(concorso.body.processInstanceKey, 'comuniAderenti')).toEqual([{ codiceIstat: '108028', nome: 'Lissone' }]);
    expect(await rootVariable(concorso.body.processInstanceKey, 'postiRichiesti')).toBe(2);

    const first = await lissone.post('/api/requests', { kind: 'fabbisogni-formativi', values: { anno: year() + 1, fabbisogniFormativi: 'Anticorruzione; digitale' } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ outcome: 'started', processDefinitionId: 'formazione' });
    const again = await lissone.post('/api/requests', { kind: 'fabbisogni-formativi', values: { anno: year() + 1, fabbisogniFormativi: 'Sicurezza sul lavoro' } });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ outcome: 'correlated', processInstanceKey: first.body.processInstanceKey, businessKey: first.body.businessKey });
    // the needs of both requests are in the plan's data
    const needs = (await rootVariable(first.body.processInstanceKey, 'fabbisogniComuni')) as Array<{ codiceIstat: string; fabbisogniFormativi: string }>;
    expect(needs.map((n) => [n.codiceIstat, n.fabbisogniFormativi])).toEqual([['108028', 'Anticorruzione; digitale'], ['108028', 'Sicurezza sul lavoro']]);
  });

  it('bad input: 400 naming the field, nothing started or queued', async () => {
    const comune = await signedInClient(stack.url, 'comune');
    const before = (await stack.engine.searchProcessInstances({}, { from: 0, limit: 1 })).total;
    const queued = (await comune.get('/api/requests')).body.total;
    const cases: Array<[unknown, string]> = [
      [{ kind: 'ferie', values: {} }, 'kind'],
      [{ kind: 'segnalazione', values: { dataConoscenza: today(), descrizioneFatto: 'x' } }, 'matricolaDipendente'],
      [{ kind: 'segnalazione', values: { matricolaDipendente: 'M-1', dataConoscenza: '2026-02-30', descrizioneFatto: 'x' } }, 'dataConoscenza'],
      [{ kind: 'segnalazione', values: { matricolaDipendente: 'M-1', dataConoscenza: '2999-01-01', descrizioneFatto: 'x' } }, 'dataConoscenza'],
      [{ kind: 'segnalazione', values: { matricolaDipendente: 'M-1', dataConoscenza: today(), descrizioneFatto: 'x'.repeat(4001) } }, 'descrizioneFatto'],
      [{ kind: 'segnalazione', values: { matricolaDipendente: 'M-1', dataConoscenza: today(), descrizioneFatto: 'x', gravita: 'upd' } }, 'gravita'],
      [{ kind: 'concorso', values: { profiloRichiesto: 'Agente', postiRichiesti: 0 } }, 'postiRichiesti'],
      [{ kind: 'concorso', values: { profiloRichiesto: 'Agente', postiRichiesti: 'due' } }, 'postiRichiesti'],
      [{ kind: 'fabbisogni-formativi', values: { anno: 2001, fabbisogniFormativi: 'x' } }, 'anno'],
      [{ kind: 'segnalazione', values: {}, urgente: true }, 'urgente'],
    ];
    for (const [body, field] of cases) {
      const res = await comune.post('/api/requests', body);
      expect(res.status, JSON.stringify(body).slice(0, 90)).toBe(400);
      expect(res.body.field, JSON.stringify(body).slice(0, 90)).toBe(field);
      expect(res.body.detail).toBeTypeOf('string');
    }
    expect((await stack.engine.searchProcessInstances({}, { from: 0, limit: 1 })).total).toBe(before);
    expect((await comune.get('/api/requests')).body.total).toBe(queued);
  });
});

describe('scope: whose request it is', () => {
  it('a Comune cannot file for another Comune: refused naming the field, nothing started, the attempt recorded', async () => {
    const comune = await signedInClient(stack.url, 'comune');
    const before = (await stack.engine.searchProcessInstances({}, { from: 0, limit: 1 })).total;
    for (const body of [
      { kind: 'segnalazione', values: { matricolaDipendente: 'M-1', dataConoscenza: today(), descrizioneFatto: 'x', codiceIstat: '108028' } },
      { kind: 'concorso', codiceIstat: '108028', values: { profiloRichiesto: 'Agente', postiRichiesti: 1 } },
      { kind: 'fabbisogni-formativi', values: { anno: year(), fabbisogniFormativi: 'x', comuniAderenti: ['108028'] } },
    ]) {
      const res = await comune.post('/api/requests', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CASE_SCOPE_IMMUTABLE');
      expect(['codiceIstat', 'comuniAderenti']).toContain(res.body.field);
    }
    expect((await stack.engine.searchProcessInstances({}, { from: 0, limit: 1 })).total).toBe(before);
    const refused = await searchAuditTrail(stack.db, { action: 'case.scope-change-refused' });
    expect(JSON.stringify(refused.items)).toContain('"via":"request.file"');
    expect(JSON.stringify(refused.items)).toContain('108028');
  });

  it('only Comune users file; the Provincia sees every request in one queue, paged with its total and filtered; a Comune sees its own', async () => {
    const provincia = await signedInClient(stack.url, 'provincia');
    expect((await provincia.post('/api/requests', { kind: 'concorso', values: { profiloRichiesto: 'Agente', postiRichiesti: 1 } })).status).toBe(403);
    expect((await (await signedInClient(stack.url, 'auditor')).post('/api/requests', { kind: 'concorso', values: { profiloRichiesto: 'Agente', postiRichiesti: 1 } })).status).toBe(403);

    // given: what the Comuni filed above (2 segnalazioni of Monza; a concorso and 2 training needs of Lissone)
    const all = await provincia.get('/api/requests');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    expect(all.body.items.map((i: { codiceIstat: string }) => i.codiceIstat).sort()).toEqual(['108028', '108028', '108028', '108033', '108033']);
    const row = all.body.items.find((i: { kind: string }) => i.kind === 'concorso');
    expect(row).toMatchObject({ comuneNome: 'Lissone', username: 'lissone', displayName: 'Comune di Lissone', state: 'ACTIVE', outcome: 'started', summary: '2 posti di Istruttore amministrativo' });
    expect(Date.parse(row.createdAt)).not.toBeNaN();

    // paged, newest first, with the total
    const page1 = await provincia.get('/api/requests?pageSize=2');
    const page3 = await provincia.get('/api/requests?pageSize=2&page=3');
    expect(page1.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.body.items).toHaveLength(2);
    expect(page3.body.items).toHaveLength(1);
    expect(page1.body.items[0].createdAt >= page1.body.items[1].createdAt).toBe(true);

    // filters
    expect((await provincia.get('/api/requests?kind=segnalazione')).body.total).toBe(2);
    expect((await provincia.get('/api/requests?comune=108028')).body.total).toBe(3);
    expect((await provincia.get('/api/requests?comune=108028&kind=fabbisogni-formativi')).body.total).toBe(2);
    expect((await provincia.get('/api/requests?kind=ferie')).body.field).toBe('kind');
    expect((await provincia.get('/api/requests?comune=1')).status).toBe(400);

    // a Comune sees its own only, even when it asks for another's
    const monza = await signedInClient(stack.url, 'comune');
    expect((await monza.get('/api/requests')).body.total).toBe(2);
    expect((await monza.get('/api/requests?comune=108028')).body.total).toBe(0);
    expect((await (await signedInClient(stack.url, 'lissone')).get('/api/requests')).body.total).toBe(3);
    // a colleague of the same Comune sees them too
    expect((await (await signedInClient(stack.url, 'monza2')).get('/api/requests')).body.total).toBe(2);
  });
});
