import {
  allowsSuspensionForCriminalCase,
  cessazioneOutcome,
  SANCTION_CODES,
  sanctionRule,
  type SanctionCode,
} from '../../src/domain/index.js';
import { noteJobDetails } from '../shared/auditedJob.js';
import { WorkerInputError } from '../shared/errors.js';
import { handler } from '../shared/TaskHandler.js';
import { requireString } from '../shared/variables.js';

interface CasoIn {
  idProcedimento: string;
  codiceIstat?: string;
  sanzioneMassimaPrevista?: string;
  /** The level the Comune or the UPD foresaw for the facts with the notizia, before any charge. */
  sanzioneIpotizzata?: string;
  sospensioneCautelare?: boolean;
  flagranza?: boolean;
}

/**
 * D15: the UPD asked to wait for the criminal case. Allowed only for infractions punished above the
 * 10-day suspension (art. 55-ter, c. 1); never in flagranza, whose procedure goes on. A refused request
 * is recorded with its reason and the case goes on to the decision.
 * Verify: may the flagranza procedure never wait for the criminal case? Source: art. 55-quater, c. 3-bis
 * and 3-ter, D.Lgs. 165/2001 (own fast course, no reference to art. 55-ter).
 */
export const verificaSospensionePenale = handler<CasoIn & { sospensionePenale?: boolean }>(async (job, ctx) => {
  const v = job.variables;
  requireString(v, 'idProcedimento');
  const richiesta = v.sospensionePenale === true;
  const sanzione = optionalSanction(v.sanzioneMassimaPrevista);
  let ammessa = false;
  let motivo = 'sospensione non richiesta';
  if (richiesta && v.flagranza === true) motivo = 'il procedimento per falsa attestazione in flagranza non si sospende (art. 55-quater, c. 3-bis e 3-ter, D.Lgs. 165/2001)';
  else if (richiesta && !sanzione) motivo = 'la contestazione non indica la sanzione massima prevista: la sospensione non è ammessa (art. 55-ter, c. 1)';
  else if (richiesta && sanzione && !allowsSuspensionForCriminalCase(sanzione)) motivo = `per la sanzione massima prevista (${sanctionRule(sanzione).label}) la sospensione non è ammessa: solo oltre la sospensione fino a 10 giorni (art. 55-ter, c. 1)`;
  else if (richiesta) { ammessa = true; motivo = `sanzione massima prevista: ${sanctionRule(sanzione!).label}`; }
  await noteJobDetails(ctx, job, { data: { sospensionePenaleRichiesta: richiesta, sospensionePenaleAmmessa: ammessa, motivo }, legalRule: 'art. 55-ter, c. 1, D.Lgs. 165/2001' });
  return job.complete({ sospensionePenaleAmmessa: ammessa, motivoSospensionePenale: motivo });
});

/**
 * Art. 55-bis, c. 9: whether the end of employment extinguishes the procedure (rule in src/domain). The
 * sanction foreseen is the charge's; before the charge, the level recorded with the notizia.
 */
export const valutaCessazione = handler<CasoIn & { dataCessazione?: string }>(async (job, ctx) => {
  const v = job.variables;
  requireString(v, 'idProcedimento');
  const outcome = cessazioneOutcome({
    // False attendance in flagranza carries dismissal and was suspended at once (55-quater c.1 lett. a, c.3-bis).
    sanzionePrevista: v.flagranza === true ? 'licenziamento-senza-preavviso'
      : optionalSanction(v.sanzioneMassimaPrevista) ?? optionalSanction(v.sanzioneIpotizzata, 'sanzioneIpotizzata'),
    sospensioneCautelare: v.sospensioneCautelare === true || v.flagranza === true,
  });
  await noteJobDetails(ctx, job, { data: { prosecuzioneObbligatoria: outcome.prosegue, motivo: outcome.reason }, legalRule: outcome.legalSource });
  return job.complete({ prosecuzioneObbligatoria: outcome.prosegue, motivoCessazione: outcome.reason });
});

function optionalSanction(value: unknown, field = 'sanzioneMassimaPrevista'): SanctionCode | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !(SANCTION_CODES as readonly string[]).includes(value)) {
    throw new WorkerInputError(field, `sanzione non prevista dal codice disciplinare: ${JSON.stringify(value)}`);
  }
  return value as SanctionCode;
}
