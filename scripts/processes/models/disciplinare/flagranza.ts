import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_UPD, NOTIFICA_INVIA, at, deadlineDoc } from '../shared.js';
import { CALCOLA_SCADENZE, COMUNICA_ISPETTORATO, ERROR, ESCALATION, LANES, PROCESS } from './constants.js';

/** D4: falsa attestazione della presenza accertata in flagranza (art. 55-quater c.3-bis e c.3-ter). */
export function flagranza(): ProcessSpec {
  const { comune, upd } = { comune: LANES.comune.key, upd: LANES.upd.key };
  const b = new ProcessBuilder({
    id: PROCESS.flagranza,
    name: 'Procedimento disciplinare in flagranza',
    participantName: 'Procedimento accelerato per falsa attestazione della presenza',
    documentation:
      'Fase D4, art. 55-quater c.3-bis, 3-ter e 3-quater D.Lgs. 165/2001. I termini di 48 ore e 30 giorni non comportano ' +
      'decadenza (ordinatori); resta perentorio il termine generale di 120 giorni dell’art. 55-bis c.4.',
    lanes: [LANES.comune, LANES.upd],
  });

  const start = b.start('Start_Flagranza', 'Falsa attestazione accertata in flagranza', comune);
  const calcola = b.service('Service_CalcolaScadenzeFlagranza', 'Calcola le scadenze della flagranza', upd, CALCOLA_SCADENZE, {
    headers: { fase: 'flagranza' },
  });
  const sospensione = b.userTask('Task_SospensioneFlagranza', 'Disponi la sospensione cautelare e contesta l’addebito', comune, {
    groups: `=["${GROUP_UPD}", "comune-" + codiceIstat]`,
    form: 'disciplinare-flagranza-sospensione',
    due: at('scadenzaSospensioneFlagranza'),
    doc: 'Sospensione cautelare senza stipendio con contestuale contestazione e convocazione con preavviso di almeno 15 giorni (art. 55-quater c.3-bis e c.3-ter). Può provvedere il responsabile della struttura o l’UPD.',
  });
  const ritardo48 = b.boundary('Timer_SospensioneOrdinatorio', 'Termine ordinatorio di 48 ore scaduto', sospensione,
    { kind: 'timer', date: at('scadenzaSospensioneFlagranza'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 55-quater c.3-bis D.Lgs. 165/2001', 'Sospensione entro 48 ore dalla conoscenza del fatto; la violazione non comporta decadenza.'),
    });
  const sollecito48 = b.send('Send_Sollecito48Ore', 'Segnala il ritardo al dirigente', upd, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-sospensione-flagranza' } });
  const endSollecito48 = b.end('End_Sollecito48Ore', 'Ritardo segnalato', upd);

  const genera = b.service('Service_GeneraAttoFlagranza', 'Genera il provvedimento di sospensione e contestazione', upd, 'documento-genera-contestazione', {
    headers: { tipo: 'flagranza' },
  });
  const notifica = b.send('Send_NotificaAttoFlagranza', 'Notifica il provvedimento al dipendente', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'sospensione-flagranza' },
  });
  const termini = b.service('Service_CalcolaTerminiFlagranza', 'Calcola i termini dalla contestazione', upd, CALCOLA_SCADENZE, {
    headers: { fase: 'contestazione-flagranza' },
    doc: 'Denuncia (20 giorni dall’avvio), comunicazione all’Ispettorato (20 giorni dall’adozione) e 120 giorni (perentorio) decorrono dall’adozione del provvedimento di sospensione con la contestazione; la conclusione (30 giorni, ordinatorio) dalla sua ricezione da parte del dipendente.',
  });
  const split = b.and('Gateway_AvvioFlagranza', 'Avvio delle azioni parallele', upd);
  const denuncia = b.service('Service_TrasmettiDenuncia', 'Trasmetti la denuncia a Procura e Corte dei conti', upd, 'upd-trasmetti-denuncia', {
    doc: 'Denuncia al pubblico ministero e segnalazione alla Procura regionale della Corte dei conti entro 20 giorni dall’avvio (art. 55-quater c.3-quater).',
  });
  const ritardoDenuncia = b.boundary('Timer_DenunciaOrdinatorio', 'Termine ordinatorio di 20 giorni scaduto', denuncia,
    { kind: 'timer', date: at('scadenzaDenuncia'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 55-quater c.3-quater D.Lgs. 165/2001', 'Denuncia entro 20 giorni dall’avvio del procedimento.'),
    });
  const sollecitoDenuncia = b.send('Send_SollecitoDenuncia', 'Segnala il ritardo nella denuncia', upd, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-denuncia' } });
  const endSollecitoDenuncia = b.end('End_SollecitoDenuncia', 'Ritardo segnalato', upd);
  const ispettorato = b.service('Service_ComunicaAvvioFlagranza', 'Comunica l’avvio all’Ispettorato (PerlaPA)', upd, COMUNICA_ISPETTORATO, {
    headers: { evento: 'avvio' },
    doc: 'Comunicazione all’Ispettorato per la funzione pubblica entro 20 giorni, con il dipendente indicato da un codice (art. 55-bis c.4).',
  });

  const fase = b.xor('Gateway_FaseDecisoria', 'Fase decisoria', upd);
  const decide = b.call('Call_IstruttoriaFlagranza', 'Audizione, istruttoria e decisione', upd, PROCESS.istruttoria);
  const ritardo30 = b.boundary('Timer_ConclusioneFlagranzaOrdinatorio', 'Termine ordinatorio di 30 giorni scaduto', decide,
    { kind: 'timer', date: at('scadenzaConclusioneFlagranza'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 55-quater c.3-ter D.Lgs. 165/2001', 'Conclusione entro 30 giorni dalla ricezione della contestazione; la violazione non comporta decadenza se non supera il termine dell’art. 55-bis c.4.'),
    });
  const sollecito30 = b.send('Send_Sollecito30Giorni', 'Segnala il ritardo nella conclusione', upd, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-conclusione-flagranza' } });
  const endSollecito30 = b.end('End_Sollecito30Giorni', 'Ritardo segnalato', upd);
  const perentorio = b.boundary('Timer_ConclusionePerentorio', 'Termine perentorio di 120 giorni scaduto', decide,
    { kind: 'timer', date: at('scadenzaConclusione'), deadline: 'perentorio' }, {
      doc: deadlineDoc('perentorio', 'art. 55-bis c.4 e c.9-ter D.Lgs. 165/2001', '120 giorni dall’atto di contestazione; il rinvio della flagranza (art. 55-quater c.3-ter) non li proroga.'),
    });
  const estinto = b.end('End_ProcedimentoEstinto', 'Procedimento estinto', upd, { error: ERROR.estinto });
  const rinvio = b.boundary('Escalation_RinvioAccolto', 'Rinvio accolto', decide, { kind: 'escalation', code: ESCALATION.rinvioAccolto });
  const proroga = b.service('Service_ProrogaFlagranza', 'Sposta l’audizione dei giorni di rinvio (max 5)', upd, CALCOLA_SCADENZE, {
    headers: { fase: 'rinvio-flagranza' },
    doc: 'In flagranza il differimento è concesso una sola volta e per non più di 5 giorni (art. 55-quater c.3-ter); il termine di 120 giorni non si proroga.',
  });
  // No branch for a suspension for the criminal case: upd-verifica-sospensione-penale refuses it in
  // flagranza (D4 sets its own 30-day course; D15 is not among its steps), so the istruttoria never
  // throws SOSPENSIONE_PENALE here and a boundary for it would be dead. Verify: may the flagranza procedure
  // never wait for the criminal case? Source: art. 55-quater, c. 3-bis and 3-ter, D.Lgs. 165/2001.
  const join = b.and('Gateway_FineFlagranza', 'Azioni concluse', upd);
  const end = b.end('End_FlagranzaDecisa', 'Procedimento in flagranza deciso', upd);

  b.chain(start, calcola, sospensione, genera, notifica, termini, split);
  b.chain(ritardo48, sollecito48, endSollecito48);
  b.chain(split, denuncia, join);
  b.chain(ritardoDenuncia, sollecitoDenuncia, endSollecitoDenuncia);
  b.chain(split, ispettorato, join);
  b.chain(split, fase, decide, join);
  b.chain(ritardo30, sollecito30, endSollecito30);
  b.chain(perentorio, estinto);
  b.chain(rinvio, proroga, fase);
  b.chain(join, end);
  return b.build();
}
