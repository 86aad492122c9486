import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_UPD, NOTIFICA_INVIA, at, comuneGroup, deadlineDoc } from '../shared.js';
import { CALCOLA_SCADENZE, CASE_KEY, COMUNICA_ISPETTORATO, ERROR, ESCALATION, LANES, MESSAGE, PROCESS } from './constants.js';
import { addEsito } from './esito.js';

/** D1–D3, D5–D7, D13–D15 and the edge cases (cessazione, trasferimento); D4 and D8–D12 are called. */
export function procedimentoDisciplinare(): ProcessSpec {
  const { comune, upd } = { comune: LANES.comune.key, upd: LANES.upd.key };
  const b = new ProcessBuilder({
    id: PROCESS.main,
    name: 'Procedimento disciplinare (UPD associato)',
    participantName: 'Procedimento disciplinare – UPD associato della Provincia',
    documentation:
      // Verify: article numbers of the codice disciplinare in the CCNL Funzioni Locali in force. Source: CCNL 16.11.2022.
      'Artt. 55-bis, 55-ter, 55-quater D.Lgs. 165/2001; codice disciplinare del CCNL Funzioni Locali 16.11.2022. ' +
      'UPD associato per convenzione (art. 55-bis c.3; Cass. 14811/2020). Dati particolari: accesso solo a UPD, responsabile del Comune e auditor.',
    lanes: [LANES.comune, LANES.upd],
  });

  const start = b.start('Start_ConoscenzaFatto', 'Conoscenza del fatto', comune);
  const notizia = b.userTask('Task_RegistraNotizia', 'Registra la notizia del fatto', comune, {
    groups: `=["${GROUP_UPD}", "comune-" + codiceIstat]`, form: 'disciplinare-notizia-fatto',
    doc: 'D1: il responsabile della struttura (o l’UPD, se ha avuto altrimenti piena conoscenza dei fatti) annota i fatti, la data della conoscenza e la sanzione ipotizzabile, che decide sulla cessazione prima della contestazione (art. 55-bis c.4 e c.9).',
  });
  const scadenzaSegnalazione = b.service('Service_CalcolaScadenzaSegnalazione', 'Calcola il termine di segnalazione', upd, CALCOLA_SCADENZE, { headers: { fase: 'segnalazione' } });
  // The rule itself is a DMN table legal staff own (processes/disciplinare-competenza.dmn); the gateway
  // only routes on its outcome.
  const decidiCompetenza = b.decision('Decision_Competenza', 'Determina la competenza e il procedimento', comune, 'disciplinare-competenza', 'competenza', {
    doc: 'Tabella decisionale «Chi è competente e quale procedimento si segue» (art. 55-bis c.1, c.2 e c.4; art. 55-quater c.3-bis D.Lgs. 165/2001).',
  });
  const competenza = b.xor('Gateway_Competenza', 'Chi è competente?', comune, {
    doc: 'La flagranza si valuta per prima: è punita con il licenziamento e segue il rito accelerato (art. 55-quater c.1 lett. a e c.3-bis), mai il rimprovero verbale. D2: il solo rimprovero verbale resta al responsabile della struttura (art. 55-bis c.1).',
  });
  const verbale = b.userTask('Task_RimproveroVerbale', 'Irroga il rimprovero verbale e redigi il verbale', comune, {
    groups: comuneGroup('codiceIstat'), form: 'disciplinare-rimprovero-verbale',
    doc: 'D2: breve contraddittorio e verbale, secondo la disciplina del CCNL (art. 55-bis c.1).',
  });
  const endVerbale = b.end('End_RimproveroVerbale', 'Rimprovero verbale irrogato', comune);
  const flagranza = b.call('Call_Flagranza', 'Procedimento in flagranza', upd, PROCESS.flagranza);
  const flagranzaEstinta = b.boundary('Error_FlagranzaEstinta', 'Procedimento estinto', flagranza, { kind: 'error', code: ERROR.estinto });

  const ricevi = b.receive('Receive_Segnalazione', 'Ricevi la segnalazione del Comune', upd, MESSAGE.segnalazione, CASE_KEY, {
    doc: 'D3: segnalazione all’UPD con gli allegati, inviata dal Comune (PEC o portale).',
  });
  const sollecitoSegnalazione = b.boundary('Timer_SegnalazioneOrdinatorio', 'Termine ordinatorio di segnalazione (10 giorni) scaduto', ricevi,
    { kind: 'timer', date: at('scadenzaSegnalazione'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 55-bis c.4 D.Lgs. 165/2001', 'Segnalazione all’UPD entro 10 giorni dalla conoscenza del fatto.'),
    });
  const sollecita = b.send('Send_SollecitoSegnalazione', 'Sollecita la segnalazione al Comune', upd, NOTIFICA_INVIA, { headers: { canale: 'pec', modello: 'sollecito-segnalazione' } });
  const endSollecito = b.end('End_SollecitoSegnalazione', 'Sollecito inviato', upd);
  const protocolla = b.service('Service_ProtocollaSegnalazione', 'Protocolla la segnalazione', upd, 'protocollo-registra-segnalazione');
  const scadenzaContestazione = b.service('Service_CalcolaScadenzaContestazione', 'Calcola il termine di contestazione', upd, CALCOLA_SCADENZE, { headers: { fase: 'contestazione' } });
  const contestazione = b.call('Call_Contestazione', "Contestazione d'addebito", upd, PROCESS.contestazione);
  const contestazioneScaduta = b.boundary('Timer_ContestazionePerentorio', 'Termine perentorio di contestazione (30 giorni) scaduto', contestazione,
    { kind: 'timer', date: at('scadenzaContestazione'), deadline: 'perentorio' }, {
      doc: deadlineDoc('perentorio', 'art. 55-bis c.4 e c.9-ter D.Lgs. 165/2001', 'Contestazione entro 30 giorni dalla ricezione della segnalazione o dalla piena conoscenza del fatto.'),
    });

  const terminiConclusione = b.service('Service_CalcolaTerminiConclusione', 'Calcola i termini di conclusione', upd, CALCOLA_SCADENZE, { headers: { fase: 'conclusione' } });
  const avvio = b.and('Gateway_Avvio', 'Avvio del procedimento', upd);
  const ispettoratoAvvio = b.service('Service_ComunicaAvvio', 'Comunica l’avvio all’Ispettorato (PerlaPA)', upd, COMUNICA_ISPETTORATO, {
    headers: { evento: 'avvio' },
    doc: 'D6: dipendente indicato con un codice, non con il nome (art. 55-bis c.4).',
  });
  const ritardoAvvio = b.boundary('Timer_ComunicazioneAvvioOrdinatorio', 'Termine ordinatorio di 20 giorni scaduto', ispettoratoAvvio,
    { kind: 'timer', date: at('scadenzaComunicazioneAvvio'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 55-bis c.4 D.Lgs. 165/2001', 'Comunicazione all’Ispettorato per la funzione pubblica entro 20 giorni dall’adozione dell’atto di contestazione.'),
    });
  const sollecitoAvvio = b.send('Send_RitardoComunicazioneAvvio', 'Segnala il ritardo della comunicazione', upd, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-ispettorato' } });
  const endRitardoAvvio = b.end('End_RitardoComunicazioneAvvio', 'Ritardo segnalato', upd);
  const cautelare = b.userTask('Task_SospensioneCautelare', 'Valuta la sospensione cautelare', upd, {
    groups: GROUP_UPD, form: 'disciplinare-sospensione-cautelare',
    doc: 'D7: facoltativa, fino a 30 giorni, solo per infrazioni punibili almeno con la sospensione (CCNL Funzioni Locali 16.11.2022).',
  });
  const disposta = b.xor('Gateway_SospensioneDisposta', 'Sospensione disposta?', upd);
  const verificaSospensione = b.service('Service_VerificaSospensioneCautelare', 'Verifica la sospensione e calcola la fine', upd, CALCOLA_SCADENZE, {
    headers: { fase: 'sospensione-cautelare' },
    doc: 'Ammessa solo se la sanzione massima contestata è almeno la sospensione, per non più di 30 giorni; altrimenti non è disposta e l’UPD ne riceve il motivo.',
  });
  const ammessa = b.xor('Gateway_SospensioneAmmessa', 'Sospensione ammessa?', upd);
  const nonAmmessa = b.send('Send_SospensioneNonAmmessa', 'Segnala che la sospensione non è ammessa', upd, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'sospensione-cautelare-non-ammessa' } });
  const notificaSospensione = b.send('Send_NotificaSospensioneCautelare', 'Notifica la sospensione al dipendente e al Comune', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'sospensione-cautelare' },
  });
  const sospesoSplit = b.and('Gateway_SospensioneInCorso', 'Sospensione in corso', upd);
  const fineSospensione = b.waitUntil('Timer_FineSospensioneCautelare', 'Fine della sospensione cautelare', upd, at('fineSospensioneCautelare'), 'attesa',
    'La sospensione cautelare termina alla fine del suo ultimo giorno (al massimo 30 giorni, CCNL Funzioni Locali).');
  const riammissione = b.send('Send_FineSospensioneCautelare', 'Comunica la riammissione in servizio', upd, NOTIFICA_INVIA, { headers: { canale: 'pec', modello: 'fine-sospensione-cautelare' } });
  const endSospensione = b.end('End_SospensioneTerminata', 'Sospensione cautelare terminata', upd);
  const ispettoratoSospensione = b.service('Service_ComunicaSospensione', 'Comunica la sospensione all’Ispettorato', upd, COMUNICA_ISPETTORATO, {
    headers: { evento: 'sospensione-cautelare' },
    doc: 'D7: il provvedimento di sospensione cautelare è comunicato all’Ispettorato entro 20 giorni dalla sua adozione (art. 55-bis c.4).',
  });
  const ritardoSospensione = b.boundary('Timer_ComunicazioneSospensioneOrdinatorio', 'Termine ordinatorio di 20 giorni scaduto', ispettoratoSospensione,
    { kind: 'timer', date: at('scadenzaComunicazioneSospensione'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 55-bis c.4 D.Lgs. 165/2001', 'Comunicazione della sospensione cautelare entro 20 giorni dalla sua adozione.'),
    });
  const sollecitoSospensione = b.send('Send_RitardoComunicazioneSospensione', 'Segnala il ritardo della comunicazione', upd, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-ispettorato' } });
  const endRitardoSospensione = b.end('End_RitardoComunicazioneSospensione', 'Ritardo segnalato', upd);
  const cautelareFatta = b.xor('Gateway_SospensioneValutata', 'Sospensione valutata', upd);
  const avviato = b.and('Gateway_Avviato', 'Procedimento avviato', upd);

  const faseIstruttoria = b.xor('Gateway_FaseIstruttoria', 'Fase istruttoria', upd);
  const istruttoria = b.call('Call_Istruttoria', 'Audizione, istruttoria e decisione', upd, PROCESS.istruttoria);
  const conclusioneScaduta = b.boundary('Timer_ConclusionePerentorio', 'Termine perentorio di conclusione (120 giorni) scaduto', istruttoria,
    { kind: 'timer', date: at('scadenzaConclusione'), deadline: 'perentorio' }, {
      doc: deadlineDoc('perentorio', 'art. 55-bis c.4 e c.9-ter D.Lgs. 165/2001', '120 giorni dall’atto di contestazione, prorogati dei giorni di ogni rinvio concesso.'),
    });
  const rinvio = b.boundary('Escalation_RinvioAccolto', 'Rinvio accolto', istruttoria, { kind: 'escalation', code: ESCALATION.rinvioAccolto });
  const proroga = b.service('Service_ProrogaTermini', 'Proroga i termini dei giorni di rinvio', upd, CALCOLA_SCADENZE, {
    headers: { fase: 'rinvio' },
    doc: 'D9: il termine di conclusione è prorogato in misura corrispondente a ogni rinvio concesso (art. 55-bis c.4, testo del D.Lgs. 75/2017).',
  });
  const sospeso = b.boundary('Escalation_SospensionePenale', 'Sospeso per il procedimento penale', istruttoria, { kind: 'escalation', code: ESCALATION.sospensionePenale });
  const sentenza = b.receive('Receive_EsitoPenale', 'Ricevi la comunicazione della sentenza', upd, MESSAGE.esitoPenale, CASE_KEY, {
    doc: 'D15: comunicazione della sentenza all’amministrazione (art. 55-ter c.4).',
  });
  const terminiRiattivazione = b.service('Service_CalcolaTerminiRiattivazione', 'Calcola il termine di riattivazione', upd, CALCOLA_SCADENZE, { headers: { fase: 'riattivazione' } });
  const rinnova = b.userTask('Task_RinnovaContestazione', 'Rinnova la contestazione', upd, {
    groups: GROUP_UPD, form: 'disciplinare-rinnovo-contestazione', due: at('scadenzaRiattivazione'),
    doc: 'D15: ripresa o riapertura con rinnovo della contestazione; i termini ricominciano a decorrere (art. 55-ter c.4).',
  });
  const riattivazioneScaduta = b.boundary('Timer_RiattivazionePerentorio', 'Termine perentorio di riattivazione (60 giorni) scaduto', rinnova,
    { kind: 'timer', date: at('scadenzaRiattivazione'), deadline: 'perentorio' }, {
      // Verify: is the 60-day term perentorio? Source: art. 55-ter, c. 4, D.Lgs. 165/2001 (see computeRinnovoContestazioneDeadline).
      doc: deadlineDoc('perentorio', 'art. 55-ter c.4 D.Lgs. 165/2001', 'Rinnovo della contestazione entro 60 giorni dalla comunicazione della sentenza.'),
    });
  const sospensioneComunicata = b.send('Send_ComunicaSospensionePenale', 'Comunica la sospensione al dipendente e al Comune', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'sospensione-penale' },
    // Verify: which form must the notice of the suspension take (PEC, as here)? Source: art. 55-ter, c. 1, D.Lgs. 165/2001 (silent on it).
    doc: 'D15: atto di sospensione fino al termine del procedimento penale (art. 55-ter c.1), comunicato al dipendente e al Comune.',
  });
  const generaRinnovo = b.service('Service_GeneraRinnovoContestazione', 'Genera l’atto di rinnovo della contestazione', upd, 'documento-genera-contestazione', {
    headers: { tipo: 'rinnovo' },
    doc: 'D15: nuovo atto di contestazione con convocazione (preavviso di almeno 20 giorni, art. 55-bis c.4).',
  });
  const notificaRinnovo = b.send('Send_RinnovoContestazione', 'Notifica la contestazione rinnovata', upd, NOTIFICA_INVIA, { headers: { canale: 'pec', modello: 'rinnovo-contestazione' } });
  const terminiRinnovati = b.service('Service_CalcolaTerminiRinnovati', 'Ricalcola i termini di conclusione', upd, CALCOLA_SCADENZE, { headers: { fase: 'conclusione' } });

  // Cessazione and trasferimento can come at any stage after the referral: while the charge is
  // drafted, in the hearing phase, while suspended for the criminal case, and in flagranza.
  const onCessazione = (id: string, attachedTo: string): string => b.boundary(id, 'Cessazione del rapporto di lavoro', attachedTo,
    { kind: 'message', message: MESSAGE.cessazione, correlationKey: CASE_KEY }, { interrupting: false });
  // Art. 55-bis c.8 (text of D.Lgs. 75/2017): on transfer "il procedimento disciplinare è interrotto", so
  // the boundary interrupts the phase in course (and its terms): the new administration's UPD goes on.
  const onTrasferimento = (id: string, attachedTo: string): string => b.boundary(id, 'Trasferimento del dipendente', attachedTo,
    { kind: 'message', message: MESSAGE.trasferimento, correlationKey: CASE_KEY }, { interrupting: true });
  const cessazioni = [
    onCessazione('Message_Cessazione', istruttoria), onCessazione('Message_CessazioneContestazione', contestazione),
    onCessazione('Message_CessazioneSospensione', sentenza), onCessazione('Message_CessazioneFlagranza', flagranza),
  ];
  const trasferimenti = [
    onTrasferimento('Message_Trasferimento', istruttoria), onTrasferimento('Message_TrasferimentoContestazione', contestazione),
    onTrasferimento('Message_TrasferimentoSospensione', sentenza), onTrasferimento('Message_TrasferimentoFlagranza', flagranza),
  ];
  const cessato = b.xor('Gateway_Cessazione', 'Cessazione comunicata', upd);
  const trasferito = b.xor('Gateway_Trasferimento', 'Trasferimento comunicato', upd);
  const valutaCessazione = b.service('Service_ValutaCessazione', 'Valuta gli effetti della cessazione', upd, 'upd-valuta-cessazione', {
    doc: 'La cessazione estingue il procedimento salvo che sia previsto il licenziamento o sia stata disposta la sospensione cautelare (art. 55-bis c.9).',
  });
  const prosegue = b.xor('Gateway_Prosegue', 'Il procedimento prosegue?', upd);
  const comunicaProsecuzione = b.send('Send_ProsecuzioneCessazione', 'Comunica la prosecuzione ai fini giuridici ed economici', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'prosecuzione-cessazione' },
  });
  const comunicaEstinzioneCessazione = b.send('Send_EstinzioneCessazione', 'Comunica l’estinzione per cessazione', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'estinzione-cessazione' },
  });
  const endCessazione = b.end('End_EstintoCessazione', 'Procedimento estinto per cessazione', upd, { terminate: true });
  const endProsegue = b.end('End_ProsecuzioneAnnotata', 'Prosecuzione annotata', upd);
  const trasmetti = b.send('Send_TrasmettiAtti', 'Trasmetti gli atti alla nuova amministrazione', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'trasmissione-atti' },
    doc: 'In caso di trasferimento il procedimento è interrotto e si avvia o conclude presso la nuova amministrazione; dalla ricezione degli atti da parte del suo UPD decorrono nuovi termini per la contestazione o per la conclusione (art. 55-bis c.8).',
  });
  const esitoTrasferimento = b.receive('Receive_EsitoTrasferimento', 'Ricevi l’esito dalla nuova amministrazione', upd, MESSAGE.esitoTrasferimento, CASE_KEY, {
    doc: 'Gli esiti del procedimento disciplinare sono comunicati anche all’amministrazione di provenienza (art. 55-bis c.8).',
  });
  const comunicaEsitoTrasferimento = b.send('Send_EsitoTrasferimento', 'Trasmetti l’esito al Comune di provenienza', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'esito-trasferimento' },
    doc: 'Il Comune annota l’esito nel fascicolo personale del dipendente.',
  });
  const endTrasferito = b.end('End_Trasferito', 'Procedimento concluso presso la nuova amministrazione', upd, { terminate: true });

  const estinto = b.xor('Gateway_Estinto', 'Termine perentorio scaduto', upd);
  const comunicaEstinzione = b.send('Send_Estinzione', 'Comunica l’estinzione del procedimento', upd, NOTIFICA_INVIA, { headers: { canale: 'pec', modello: 'estinzione' } });
  const endEstinto = b.end('End_ProcedimentoEstinto', 'Procedimento estinto', upd, {
    doc: 'Decadenza dall’azione disciplinare per violazione di un termine perentorio (art. 55-bis c.9-ter).',
  });
  const esito = b.xor('Gateway_Esito', 'Procedimento deciso', upd);

  b.chain(start, notizia, decidiCompetenza, competenza);
  // The table decides flagranza before the verbal reprimand (its rules are disjoint, hit policy UNIQUE),
  // so a false attendance noted as "rimprovero verbale" never stays with the Comune.
  b.flow(competenza, flagranza, { name: 'Flagranza', condition: '=competenza.procedimento = "flagranza-55-quater"' });
  b.flow(competenza, verbale, { name: 'Solo rimprovero verbale', condition: '=competenza.procedimento = "rimprovero-verbale-ccnl"' });
  b.chain(verbale, endVerbale);
  // The 10-day referral term (55-bis c.4) exists only where there is a referral to wait for: not for
  // the verbal reprimand (the Comune decides) nor in flagranza (the act is adopted within 48 hours).
  b.flow(competenza, scadenzaSegnalazione, { name: 'Competenza dell’UPD', isDefault: true });
  b.chain(scadenzaSegnalazione, ricevi);
  b.chain(flagranza, esito);
  b.chain(ricevi, protocolla, scadenzaContestazione, contestazione, terminiConclusione, avvio);
  b.chain(sollecitoSegnalazione, sollecita, endSollecito);
  b.chain(avvio, ispettoratoAvvio, avviato);
  b.chain(ritardoAvvio, sollecitoAvvio, endRitardoAvvio);
  b.chain(avvio, cautelare, disposta);
  b.flow(disposta, verificaSospensione, { name: 'Sì', condition: '=sospensioneCautelare = true' });
  b.flow(disposta, cautelareFatta, { name: 'No', isDefault: true });
  b.chain(verificaSospensione, ammessa);
  b.flow(ammessa, notificaSospensione, { name: 'Sì', condition: '=sospensioneCautelare = true' });
  b.flow(ammessa, nonAmmessa, { name: 'No', isDefault: true });
  b.chain(nonAmmessa, cautelareFatta);
  b.chain(notificaSospensione, sospesoSplit, ispettoratoSospensione);
  b.chain(sospesoSplit, fineSospensione, riammissione, endSospensione);
  b.chain(ritardoSospensione, sollecitoSospensione, endRitardoSospensione);
  b.chain(ispettoratoSospensione, cautelareFatta, avviato, faseIstruttoria, istruttoria, esito);
  b.chain(rinvio, proroga, faseIstruttoria);
  b.chain(sospeso, sospensioneComunicata, sentenza, terminiRiattivazione, rinnova, generaRinnovo, notificaRinnovo, terminiRinnovati, faseIstruttoria);
  for (const c of cessazioni) b.flow(c, cessato);
  b.chain(cessato, valutaCessazione, prosegue);
  b.flow(prosegue, comunicaProsecuzione, { name: 'Sì', condition: '=prosecuzioneObbligatoria = true' });
  b.chain(comunicaProsecuzione, endProsegue);
  b.flow(prosegue, comunicaEstinzioneCessazione, { name: 'No', isDefault: true });
  b.chain(comunicaEstinzioneCessazione, endCessazione);
  for (const t of trasferimenti) b.flow(t, trasferito);
  b.chain(trasferito, trasmetti, esitoTrasferimento, comunicaEsitoTrasferimento, endTrasferito);
  b.chain(contestazioneScaduta, estinto);
  b.chain(conclusioneScaduta, estinto);
  b.chain(riattivazioneScaduta, estinto);
  b.chain(flagranzaEstinta, estinto);
  b.chain(estinto, comunicaEstinzione, endEstinto);
  addEsito(b, esito, { comune, upd });
  return b.build();
}
