import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_UPD, NOTIFICA_INVIA, at } from '../shared.js';
import { CALCOLA_SCADENZE, CASE_KEY, ESCALATION, LANES, MESSAGE, PROCESS } from './constants.js';

/**
 * D8–D12: difesa, rinvio, audizione, istruttoria, decisione. The caller holds the perentorio
 * 120-day timer; an accepted rinvio or a suspension for the criminal case leaves through
 * escalation end events so that the caller can move the terms and call this phase again.
 */
export function istruttoria(): ProcessSpec {
  const upd = LANES.upd.key;
  const b = new ProcessBuilder({
    id: PROCESS.istruttoria,
    name: 'Audizione, istruttoria e decisione',
    participantName: 'UPD – Audizione, istruttoria e decisione',
    documentation:
      'Fasi D8–D12 (art. 55-bis c.4 e c.5 D.Lgs. 165/2001). Il termine perentorio di 120 giorni dalla contestazione è ' +
      "sorvegliato dal processo chiamante; il rinvio accolto (escalation RINVIO_ACCOLTO) proroga il termine di altrettanti giorni. " +
      'All’avvio si verifica il preavviso dell’audizione dalla ricezione effettiva della contestazione.',
    lanes: [LANES.upd],
  });

  const start = b.start('Start_ContestazioneNotificata', 'Contestazione notificata', upd);
  // D10: the notice is counted from the actual receipt (PEC receipt, hand delivery, A/R), which may
  // come later than planned; a hearing left with short notice gets a new date before anything else.
  const verificaPreavviso = b.service('Service_VerificaPreavviso', 'Verifica il preavviso dalla ricezione', upd, CALCOLA_SCADENZE, {
    headers: { fase: 'preavviso' },
    doc: "Preavviso di almeno 20 giorni (15 in flagranza) dalla data in cui il dipendente ha ricevuto la contestazione (art. 55-bis c.4; art. 55-quater c.3-ter).",
  });
  const verificato = b.xor('Gateway_PreavvisoVerificato', 'Preavviso verificato', upd);
  const preavviso = b.xor('Gateway_PreavvisoRispettato', 'Preavviso rispettato?', upd);
  const nuovaData = b.userTask('Task_FissaNuovaAudizione', "Fissa una nuova data dell'audizione", upd, {
    groups: GROUP_UPD, form: 'disciplinare-nuova-audizione', due: at('scadenzaConclusione'),
    doc: "La contestazione è stata ricevuta troppo tardi per il preavviso minimo: l'UPD fissa una nuova data, non prima del giorno minimo di preavviso calcolato dalla ricezione, e la comunica al dipendente.",
  });
  const verificaNuovaData = b.service('Service_VerificaNuovaAudizione', 'Verifica la nuova data', upd, CALCOLA_SCADENZE, { headers: { fase: 'nuova-audizione' } });
  const riconvocato = b.xor('Gateway_Riconvocazione', 'Nuova convocazione?', upd);
  const nuovaConvocazione = b.send('Send_NuovaConvocazione', 'Comunica la nuova data dell’audizione', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'nuova-convocazione' },
  });
  const attesa = b.xor('Gateway_InAttesa', "In attesa dell'audizione", upd);
  const eventi = b.eventGateway('Gateway_EventiAttesa', 'Audizione, rinvio o memoria?', upd);
  const dataAudizione = b.waitUntil('Timer_DataAudizione', "Data dell'audizione", upd, at('dataAudizione'), 'attesa',
    "Data fissata nella convocazione, con preavviso di almeno 20 giorni dalla ricezione della contestazione (art. 55-bis c.4 D.Lgs. 165/2001).");
  const rinvio = b.catchMessage('Message_RichiestaRinvio', 'Richiesta di rinvio del dipendente', upd, MESSAGE.rinvio, CASE_KEY, {
    doc: "Il dipendente può chiedere una sola volta il differimento per grave e oggettivo impedimento (art. 55-bis c.4).",
  });
  const memoria = b.catchMessage('Message_MemoriaDifensiva', 'Memoria difensiva ricevuta', upd, MESSAGE.memoria, CASE_KEY, {
    doc: "Il dipendente ha accesso agli atti e può inviare una memoria scritta in luogo o prima dell'audizione (art. 55-bis c.4 e c.8).",
  });

  // D10 held on another day than the convocation said: the UPD records the day and why, from the waiting
  // state (held earlier, so the timer need not fire) or once the planned day has passed (held later). A
  // hearing put off at the employee's request for a grave impediment is the one rinvio of art. 55-bis c.4
  // (text of D.Lgs. 75/2017), which moves the 120 days: it leaves like a granted rinvio, so the caller
  // moves the perentorio timer and calls this phase again at the day actually held (already past: no wait).
  const altraData = b.catchMessage('Message_AudizioneAltraData', "Audizione svolta in un'altra data", upd, MESSAGE.audizioneAltraData, CASE_KEY, {
    doc: "L'UPD registra il giorno in cui l'audizione si è svolta e il motivo del cambio di data (art. 55-bis c.4 D.Lgs. 165/2001).",
  });
  const registraAltraData = b.service('Service_RegistraAltraData', "Registra la data effettiva dell'audizione", upd, CALCOLA_SCADENZE, {
    headers: { fase: 'audizione-altra-data' },
    doc: "Il rinvio chiesto dal dipendente per grave e oggettivo impedimento (una sola volta) proroga il termine di conclusione dei giorni di differimento (art. 55-bis c.4, testo del D.Lgs. 75/2017); il rinvio disposto dall'UPD o l'anticipo no.",
  });
  const altraDataRicevuta = b.xor('Gateway_AltraDataRicevuta', "Data effettiva comunicata", upd);
  const verbale = b.xor('Gateway_Verbale', "Audizione da verbalizzare", upd);
  const proroga = b.xor('Gateway_ProrogaAltraData', 'Proroga del termine?', upd);
  const endAltraData = b.end('End_AudizioneRinviata', 'Audizione rinviata su richiesta del dipendente', upd, {
    escalation: ESCALATION.rinvioAccolto,
    doc: "Il chiamante proroga il termine di conclusione dei giorni di rinvio e ripete la fase, con l'audizione nel giorno effettivo.",
  });

  const protocollaMemoria = b.service('Service_ProtocollaMemoria', 'Protocolla la memoria difensiva', upd, 'protocollo-registra-memoria');
  const decidiRinvio = b.userTask('Task_DecidiRinvio', 'Decidi sulla richiesta di rinvio', upd, {
    groups: GROUP_UPD, form: 'disciplinare-decisione-rinvio', due: at('dataAudizione'),
  });
  const accolto = b.xor('Gateway_RinvioAccolto', 'Rinvio accolto?', upd);
  const rigetto = b.send('Send_RigettoRinvio', 'Comunica il rigetto del rinvio', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'rigetto-rinvio' },
  });
  // The caller cannot read this phase's variables after an interrupting escalation (Zeebe propagates a
  // called instance's variables only when it completes), so the granted rinvio is registered here,
  // in the app database, and the caller's proroga reads it from there.
  const registraRinvio = b.service('Service_RegistraRinvio', 'Registra il rinvio concesso', upd, 'upd-calcola-scadenze', {
    headers: { fase: 'rinvio-concesso' },
    doc: "Giorni di differimento concessi (una sola volta; in flagranza al massimo 5, art. 55-quater c.3-ter).",
  });
  const endRinvio = b.end('End_RinvioAccolto', 'Rinvio accolto', upd, {
    escalation: ESCALATION.rinvioAccolto,
    doc: 'Il chiamante proroga il termine di conclusione dei giorni di rinvio e ripete la fase.',
  });

  const audizione = b.userTask('Task_Audizione', "Svolgi l'audizione in contraddittorio", upd, {
    groups: GROUP_UPD, form: 'disciplinare-audizione', due: at('scadenzaConclusione'),
    doc: "Il dipendente può farsi assistere da un procuratore o da un rappresentante sindacale; si redige il verbale (art. 55-bis c.2 e c.4).",
  });
  const altraDataDopo = b.boundary('Message_AudizioneAltraDataDopo', "Audizione svolta in un'altra data", audizione,
    { kind: 'message', message: MESSAGE.audizioneAltraData, correlationKey: CASE_KEY },
    { doc: "Il giorno fissato è passato e l'audizione si è tenuta (o si terrà) più tardi: l'UPD ne registra il giorno e il motivo." });
  const istruttoria = b.userTask('Task_Istruttoria', "Svolgi l'istruttoria", upd, {
    groups: GROUP_UPD, form: 'disciplinare-istruttoria', due: at('scadenzaConclusione'),
    doc: "Acquisizione di informazioni e documenti; le richieste ad altre amministrazioni non sospendono i termini (art. 55-bis c.6).",
  });
  const verificaPenale = b.service('Service_VerificaSospensionePenale', 'Verifica se la sospensione è ammessa', upd, 'upd-verifica-sospensione-penale', {
    doc: "Ammessa solo se la sanzione massima prevista supera la sospensione fino a 10 giorni (art. 55-ter c.1); mai in flagranza (art. 55-quater c.3-bis e 3-ter).",
  });
  const penale = b.xor('Gateway_SospensionePenale', 'Sospendere per il procedimento penale?', upd, {
    doc: "Sospensione ammessa solo per infrazioni punibili oltre la sospensione fino a 10 giorni e per fatti di particolare complessità (art. 55-ter c.1); non per la flagranza (art. 55-quater c.3-bis e 3-ter).",
  });
  const endPenale = b.end('End_SospensionePenale', 'Procedimento sospeso', upd, { escalation: ESCALATION.sospensionePenale });
  const decisione = b.userTask('Task_Decisione', 'Adotta la decisione motivata', upd, {
    groups: GROUP_UPD, form: 'disciplinare-decisione', due: at('scadenzaConclusione'),
    doc: "Archiviazione o irrogazione della sanzione, con motivazione, entro 120 giorni dalla contestazione (art. 55-bis c.4).",
  });
  const end = b.end('End_DecisioneAdottata', 'Decisione adottata', upd);

  b.chain(start, verificaPreavviso, verificato, preavviso);
  b.flow(preavviso, nuovaData, { name: 'No', condition: '=preavvisoRispettato = false' });
  b.chain(nuovaData, verificaNuovaData, verificato);
  b.flow(preavviso, riconvocato, { name: 'Sì', isDefault: true });
  b.flow(riconvocato, nuovaConvocazione, { name: 'Nuova data', condition: '=riconvocazione = true' });
  b.flow(riconvocato, attesa, { name: 'Data della contestazione', isDefault: true });
  b.chain(nuovaConvocazione, attesa);
  b.chain(attesa, eventi);
  b.chain(eventi, dataAudizione, verbale, audizione, istruttoria, verificaPenale, penale);
  b.flow(penale, endPenale, { name: 'Sì', condition: '=sospensionePenaleAmmessa = true' });
  b.flow(penale, decisione, { name: 'No', isDefault: true });
  b.chain(decisione, end);
  b.chain(eventi, rinvio, decidiRinvio, accolto);
  b.flow(accolto, registraRinvio, { name: 'Sì', condition: '=rinvioAccolto = true' });
  b.chain(registraRinvio, endRinvio);
  b.flow(accolto, rigetto, { name: 'No', isDefault: true });
  b.chain(rigetto, attesa);
  b.chain(eventi, memoria, protocollaMemoria, attesa);
  b.chain(eventi, altraData, altraDataRicevuta, registraAltraData, proroga);
  b.chain(altraDataDopo, altraDataRicevuta);
  b.flow(proroga, endAltraData, { name: 'Sì', condition: '=prorogaConclusione = true' });
  b.flow(proroga, verbale, { name: 'No', isDefault: true });
  return b.build();
}
