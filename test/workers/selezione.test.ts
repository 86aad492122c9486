import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { documentsOf } from './support/documentText.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const ID = 'CONC-2026-01';
const commissione = (genereComponente: 'F' | 'M') => [
  { nominativo: 'Dirigente Presidente', codiceFiscale: 'GLLPLA75L07F704T', ruolo: 'presidente', genere: 'M', email: 'presidente@provincia.mb.it', dichiarazione35bis: true },
  { nominativo: 'Esperta Uno', codiceFiscale: 'CSTSRA88P49F704T', ruolo: 'componente', genere: genereComponente, email: 'esperto1@provincia.mb.it', dichiarazione35bis: true },
  { nominativo: 'Esperto Due', codiceFiscale: 'VRDLCU85C03F704H', ruolo: 'componente', genere: 'M', email: 'esperto2@provincia.mb.it', dichiarazione35bis: true },
];
const domanda = (cf: string, nome: string, cognome: string, extra: Record<string, unknown> = {}) => ({
  domanda: { codiceFiscale: cf, nome, cognome, email: `${nome.toLowerCase()}@example.it`, dichiarazioneRequisiti: true, ...extra },
});

describe('selezione del personale end to end (embedded engine, real workers over gRPC, SMTP on loopback)', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('main path: posts, 34-bis wait, bando, applications (invalid and duplicate rejected), board (non-compliant first), tests, graduatoria, hiring, expiry', async () => {
    // given
    w.pin('2026-01-12T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.SELEZIONE_PERSONALE, variables: { idConcorso: ID, comuniAderenti: [{ codiceIstat: '108033', nome: 'Monza' }] } });
    const pik = String(created.processInstanceKey);
    await w.completeTask('Task_RichiestaPosti', { codiceIstatRichiedente: '108033', richiestaPosti: [{ profilo: 'Istruttore amministrativo', area: 'istruttori', numeroPosti: 1, pecComune: 'protocollo@pec.comune.monza.mb.it' }] });
    await w.waitForElement(pik, 'Service_CalcolaScadenzaMobilita');

    // then: the 34-bis notice went to the Funzione Pubblica and the Region; the wait is 45 free days
    expect(w.mailsWith('Comunicazione art. 34-bis')[0].to).toEqual(['protocollo_dfp@mailbox.governo.it', 'lavoro@pec.regione.lombardia.it']);
    expect(await w.variable(pik, 'scadenzaMobilita')).toBe('2026-02-27T00:00:00+01:00');

    // when: the wait passes and the bando is approved
    w.pin('2026-02-28T09:00:00+01:00');
    await w.completeTask('Task_Bando', { numeroDetermina: 'D-12/2026', tipoConcorso: 'esami', preselezione: false, dataChiusuraBando: '2026-03-31T12:00:00+02:00', requisiti: 'Diploma di maturità', riserveEPreferenze: '' });
    await w.waitForElement(undefined, 'Service_PubblicaBando');
    const bando = await w.db.knex('publications').where({ business_key: ID, kind: 'bando' });
    expect(bando.map((p: { channel: string }) => p.channel).sort()).toEqual(['albo-pretorio', 'amministrazione-trasparente', 'inpa']);

    // when: applications arrive; one with a malformed codice fiscale, one duplicate
    const count = async () => Number((await w.db.knex('applications').where({ concorso_id: ID }).count({ n: '*' }).first() as { n: number }).n);
    await w.publish(MessageName.SELEZIONE_DOMANDA_CANDIDATO, ID, domanda('RSSMRA80A01F704F', 'Mario', 'Rossi', { genere: 'M', dataNascita: '1980-01-01' }));
    await waitFor(async () => (await count()) === 1, 10_000, 'first application');
    await w.publish(MessageName.SELEZIONE_DOMANDA_CANDIDATO, ID, domanda('RSSMRA80A01F704X', 'Marco', 'Falso'));
    await waitFor(async () => w.mailsWith('Domanda non ricevibile').length === 1, 10_000, 'rejection of the invalid codice fiscale');
    await w.publish(MessageName.SELEZIONE_DOMANDA_CANDIDATO, ID, domanda('RSSMRA80A01F704F', 'Mario', 'Rossi'));
    await waitFor(async () => w.mailsWith('Domanda non ricevibile').length === 2, 10_000, 'rejection of the duplicate');
    await w.publish(MessageName.SELEZIONE_DOMANDA_CANDIDATO, ID, domanda('BNCGLI90H55F704T', 'Giulia', 'Bianchi', { genere: 'F', dataNascita: '1990-06-15' }));
    await waitFor(async () => (await count()) === 2, 10_000, 'second application');

    // then
    const rejections = w.mailsWith('Domanda non ricevibile');
    expect(rejections[0].to).toEqual(['marco@example.it']);
    expect(rejections[0].raw).toContain('codice fiscale non valido');
    expect(rejections[1].raw).toContain('domanda duplicata');

    // when: the applications close; the board is appointed (first without both genders)
    w.pin('2026-03-31T12:00:01+02:00');
    await w.completeTask('Task_NominaCommissione', { determinaNomina: 'D-30/2026', componentiCommissione: commissione('M') });
    await w.completeTask('Task_NominaCommissione', { determinaNomina: 'D-31/2026', componentiCommissione: commissione('F') });
    for (let i = 0; i < 3; i++) await w.completeTask('Task_DichiarazioneComponente', { presaVisioneCandidati: true, conflittoInteressi: false });
    w.pin('2026-04-01T09:00:00+02:00');
    await w.completeTask('Task_Insediamento', { criteriValutazione: 'Criteri', dataProvaScritta: '2026-04-20T09:00:00+02:00', dataProvaOrale: '2026-05-20T09:00:00+02:00' });

    // then: the non-compliant board went back to the appointment
    await w.waitForElement(pik, 'Service_CalcolaScadenzeProve');
    const errors = await w.db.knex('audit_entries').where({ action: 'job.error' });
    expect(errors.map((e: { data: string }) => e.data).join()).toContain('almeno un terzo dei componenti deve essere donna: ne servono 1 su 3, sono 0');
    expect(await w.variable(pik, 'scadenzaConclusioneConcorso')).toBe('2026-10-18T00:00:00+02:00');

    // when: written test (anonymous), oral test
    w.pin('2026-04-20T12:00:00+02:00');
    const codes = (await w.db.knex('applications').where({ concorso_id: ID }).orderBy('codice_fiscale')) as { codice_fiscale: string; codice_elaborato: string }[];
    const code = (cf: string) => codes.find((c) => c.codice_fiscale === cf)!.codice_elaborato;
    await w.completeTask('Task_CorreggiScritta', { votiScritta: [{ codiceElaborato: code('RSSMRA80A01F704F'), voto: 24 }, { codiceElaborato: code('BNCGLI90H55F704T'), voto: 27 }], verbaleScritta: 'Verbale 2' });
    await waitFor(async () => w.mailsWith('Convocazione alla prova orale').length === 1, 10_000, 'convocazione');
    w.pin('2026-05-20T12:00:00+02:00');
    await w.completeTask('Task_ProvaOrale', { votiOrale: [{ codiceFiscale: 'RSSMRA80A01F704F', voto: 25 }, { codiceFiscale: 'BNCGLI90H55F704T', voto: 25 }], verbaleOrale: 'Verbale 3' });
    await w.completeTask('Task_RevisioneGraduatoria', { graduatoriaConfermata: true, verbaleGraduatoria: 'Verbale 4' });
    await w.completeTask('Task_ApprovaGraduatoria', { determinaApprovazione: 'D-50/2026', dataApprovazione: '2026-05-25T10:00:00+02:00' });

    // then: Giulia Bianchi (27+25) before Mario Rossi (24+25); the winner goes to Monza
    const graduatoria = await w.variable<{ ranked: { candidateId: string; position: number; total: number }[] }>(pik, 'graduatoria');
    expect(graduatoria?.ranked.map((e) => [e.position, e.candidateId, e.total])).toEqual([[1, 'BNCGLI90H55F704T', 52], [2, 'RSSMRA80A01F704F', 49]]);
    await w.completeTask('Task_Assunzione', { codiceFiscaleAssunto: 'BNCGLI90H55F704T', dichiarazioniVerificate: true, esitoAssunzione: 'assunto' });
    expect(await w.variable(pik, 'assegnazioni')).toEqual([expect.objectContaining({ codiceIstat: '108033', codiceFiscale: 'BNCGLI90H55F704T', posizione: 1 })]);

    // when: the graduatoria expires after three years
    w.pin('2029-05-26T00:00:01+02:00');
    await w.waitForCompletion(pik);
    const docs = await w.db.knex('documents').where({ business_key: ID });
    expect(docs.map((d: { kind: string }) => d.kind).sort()).toEqual(['bando', 'elenco-ammessi', 'graduatoria']);
    // the published bando names the Comune and writes its date the Italian way
    const bandoPdf = (await documentsOf(w, ID)).find((d) => d.kind === 'bando')!;
    expect(bandoPdf.text).toContain('Comune di Monza: 1 posto/i di Istruttore amministrativo');
    expect(bandoPdf.text).toMatch(/entro il \d{2}\/\d{2}\/\d{4}/);
    expect(bandoPdf.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('each Comune\'s "Dichiara i posti da coprire" carries that Comune\'s ISTAT code (form field and codiceIstat on the task), and the answers keep it', async () => {
    // given: a concorso for Monza and Lissone
    w.pin('2026-01-12T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.SELEZIONE_PERSONALE, variables: {
      idConcorso: 'CONC-2026-02', comuniAderenti: [{ codiceIstat: '108033', nome: 'Monza' }, { codiceIstat: '108028', nome: 'Lissone' }],
    } });
    const pik = String(created.processInstanceKey);

    // when: the two task instances are open
    const knex = w.h.embedded.engine.knex;
    const tasks = await waitFor(async () => {
      const open = (await knex('user_tasks').where({ element_id: 'Task_RichiestaPosti', process_instance_key: pik, state: 'CREATED' }).orderBy('key')) as { key: string; element_instance_key: string; candidate_groups: string }[];
      return open.length === 2 ? open : undefined;
    }, 15_000, 'two Task_RichiestaPosti');

    // then: each one has its own Comune's code, where the form (codiceIstatRichiedente) and the task page (codiceIstat) read it
    const local = async (scope: string, name: string) => {
      const row = (await knex('variables').where({ scope_key: scope, name }).first()) as { value: string } | undefined;
      return row ? JSON.parse(row.value) : undefined;
    };
    const seen = await Promise.all(tasks.map(async (t) => ({
      groups: JSON.parse(t.candidate_groups), richiedente: await local(t.element_instance_key, 'codiceIstatRichiedente'), codiceIstat: await local(t.element_instance_key, 'codiceIstat'),
    })));
    expect(seen).toEqual([
      { groups: ['comune-108033'], richiedente: '108033', codiceIstat: '108033' },
      { groups: ['comune-108028'], richiedente: '108028', codiceIstat: '108028' },
    ]);
    // and the case itself is not tied to one Comune: no codiceIstat at the root
    expect(await knex('variables').where({ scope_key: pik, name: 'codiceIstat' }).first()).toBeUndefined();

    // when: both answer; the posts are summed per Comune
    for (const t of tasks) {
      await w.h.embedded.engine.execute({ type: 'userTask', action: 'complete', userTaskKey: t.key, variables: { richiestaPosti: [{ profilo: 'Istruttore amministrativo', area: 'istruttori', numeroPosti: 1 }] } } as never);
    }
    await w.waitForElement(pik, 'Service_AggregaFabbisogno');
    expect(await w.variable(pik, 'postiPerComune')).toEqual([
      expect.objectContaining({ codiceIstat: '108033', numeroPosti: 1 }),
      expect.objectContaining({ codiceIstat: '108028', numeroPosti: 1 }),
    ]);
    await knex('variables').where({ scope_key: pik, name: 'codiceIstatRichiedente' }).first().then((v) => expect(v).toBeUndefined());
  });
});
