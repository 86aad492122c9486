import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { NOTIFICA_INVIA, at } from '../shared.js';
import { LANES, PROCESS } from './constants.js';

/** F4: expiry calendar of mandatory training, alerting the Comuni before each expiry in the year. */
export function monitoraggioObbligatoria(): ProcessSpec {
  const form = LANES.formazione.key;
  const b = new ProcessBuilder({
    id: PROCESS.monitoraggio,
    name: 'Monitoraggio della formazione obbligatoria',
    participantName: 'Scadenzario della formazione obbligatoria',
    documentation:
      'Fase F4. Anticorruzione ogni anno (L. 190/2012; DPR 62/2013 art. 15 c.5); sicurezza sul lavoro per ruolo (D.Lgs. 81/2008 art. 37; Accordo Stato-Regioni 2025): ' +
      'formazione all’assunzione, lavoratori e dirigenti ogni 5 anni, preposti ogni 2, RLS ogni anno, primo soccorso ogni 3 (DM 388/2003), antincendio ogni 5 (DM 2 settembre 2021); privacy (Reg. UE 2016/679).',
    lanes: [LANES.formazione],
  });

  const start = b.start('Start_Monitoraggio', 'Monitoraggio avviato', form);
  const ciclo = b.xor('Gateway_Ciclo', 'Scadenzario da aggiornare', form);
  const scadenzario = b.service('Service_Scadenzario', 'Aggiorna lo scadenzario dei corsi obbligatori', form, 'formazione-calcola-scadenzario');
  const altre = b.xor('Gateway_AltreScadenze', 'Scadenze entro l’anno?', form);
  const attesa = b.waitUntil('Timer_ProssimaScadenza', 'Preavviso della prossima scadenza', form, at('prossimaScadenzaObbligatoria'), 'attesa',
    'Data di preavviso della prima scadenza di un corso obbligatorio (anticorruzione annuale; sicurezza per ruolo, D.Lgs. 81/2008 art. 37).');
  const avvisa = b.send('Send_AvvisoScadenze', 'Avvisa il Comune dei corsi in scadenza', form, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'scadenza-formazione-obbligatoria' } });
  const end = b.end('End_Monitoraggio', 'Anno di monitoraggio concluso', form);

  b.chain(start, ciclo, scadenzario, altre);
  b.flow(altre, attesa, { name: 'Sì', condition: '=prossimaScadenzaObbligatoria != null' });
  b.flow(altre, end, { name: 'No', isDefault: true });
  b.chain(attesa, avvisa, ciclo);
  return b.build();
}
