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
  sospensioneCautelare?: boolean;
  flagranza?: boolean;
}

/**
 * D15: the UPD asked to wait for the criminal case. Allowed only for infractions punished above the
 * 10-day suspension (art. 55-ter, c. 1); never in flagranza, whose procedure goes on (art. 55-quater
 * c.3-bis, verify). A refused request is recorded with its reason and the case goes on to the decision.
 */
export const verificaSospensionePenale = handler<CasoIn & { sospensionePenale?: boolean }>(async (job, ctx) => {
  const v = job.variables;
  requireString(v, 'idProcedimento');
  const richiesta = v.sospensionePenale === true;
  const sanzione = optionalSanction(v.sanzioneMassimaPrevista);
  let ammessa = false;
  let motivo = 'sospensione non richiesta';
  if (richiesta && v.flagranza === true) motivo = 'il procedimento per falsa attestazione in flagranza non si sospende (art. 55-quater, c. 3-bis, da verificare)';
  else if (richiesta && !sanzione) motivo = 'la contestazione non indica la sanzione massima prevista: la sospensione non è ammessa (art. 55-ter, c. 1)';
  else if (richiesta && sanzione && !allowsSuspensionForCriminalCase(sanzione)) motivo = `per la sanzione massima prevista (${sanctionRule(sanzione).label}) la sospensione non è ammessa: solo oltre la sospensione fino a 10 giorni (art. 55-ter, c. 1)`;
  else if (richiesta) { ammessa = true; motivo = `sanzione massima prevista: ${sanctionRule(sanzione!).label}`; }
  await noteJobDetails(ctx, job, { data: { sospensionePenaleRichiesta: richiesta, sospensionePenaleAmmessa: ammessa, motivo }, legalRule: 'art. 55-ter, c. 1, D.Lgs. 165/2001' });
  return job.complete({ sospensionePenaleAmmessa: ammessa, motivoSospensionePenale: motivo });
});

/** Art. 55-bis, c. 9: whether the end of employment extinguishes the procedure (rule in src/domain). */
export const valutaCessazione = handler<CasoIn & { dataCessazione?: string }>(async (job, ctx) => {
  const v = job.variables;
  requireString(v, 'idProcedimento');
  const outcome = cessazioneOutcome({
    // False attendance in flagranza carries dismissal and was suspended at once (55-quater c.1 lett. a, c.3-bis).
    sanzioneMassimaPrevista: v.flagranza === true ? 'licenziamento-senza-preavviso' : optionalSanction(v.sanzioneMassimaPrevista),
    sospensioneCautelare: v.sospensioneCautelare === true || v.flagranza === true,
  });
  await noteJobDetails(ctx, job, { data: { prosecuzioneObbligatoria: outcome.prosegue, motivo: outcome.reason }, legalRule: outcome.legalSource });
  return job.complete({ prosecuzioneObbligatoria: outcome.prosegue, motivoCessazione: outcome.reason });
});

function optionalSanction(value: unknown): SanctionCode | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !(SANCTION_CODES as readonly string[]).includes(value)) {
    throw new WorkerInputError('sanzioneMassimaPrevista', `sanzione non prevista dal codice disciplinare: ${JSON.stringify(value)}`);
  }
  return value as SanctionCode;
}
