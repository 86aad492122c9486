import { assessHearingDateChange, DomainValidationError, HEARING_DATE_CHANGE_REASONS, type HearingDateChangeReason } from '../../../src/domain/index.js';
import { badRequest } from '../errors.js';

const LABELS: Record<HearingDateChangeReason, { it: string; en: string }> = {
  'rinvio-dipendente': { it: 'Rinvio chiesto dal dipendente per grave e oggettivo impedimento (proroga il termine di conclusione)', en: "Postponed at the employee's request for a serious impediment (extends the conclusion term)" },
  'rinvio-ufficio': { it: "Rinvio disposto dall'UPD (il termine di conclusione non cambia)", en: 'Postponed by the UPD (the conclusion term stays)' },
  'anticipo-concordato': { it: 'Anticipata d’accordo con il dipendente', en: 'Brought forward with the employee’s agreement' },
};

export const HEARING_DATE_CHANGE_OPTIONS = HEARING_DATE_CHANGE_REASONS.map((value) => ({ value, label: LABELS[value] }));

/**
 * The web side of «audizione svolta in un'altra data»: the same rule the deadline worker applies
 * (src/domain/disciplinare/hearingDateChange.ts), checked before anything is published, so a wrong day or a
 * second rinvio of the employee gets a 400 naming the field and the case does not move.
 */
export function checkHearingDateChange(values: Record<string, string>, caseVariables: Record<string, unknown>): void {
  const planned = caseVariables.dataAudizione;
  if (typeof planned !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(planned)) {
    throw badRequest('INVALID_FIELD', "Il caso non ha la data dell'audizione fissata nella convocazione.", { field: 'dataAudizioneEffettiva' });
  }
  const plannedDay = romeDay(planned);
  try {
    assessHearingDateChange({
      plannedDate: plannedDay, heldDate: values.dataAudizioneEffettiva, reason: values.motivoCambioData as HearingDateChangeReason,
      rinvioAlreadyGranted: caseVariables.rinvioConcesso === true,
    });
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    if (error.field === 'reason') {
      throw badRequest('INVALID_FIELD', 'Motivo del cambio di data: il dipendente può chiedere il rinvio una sola volta (art. 55-bis c.4 D.Lgs. 165/2001) e un rinvio è già stato concesso.', { field: 'motivoCambioData' });
    }
    const detail = values.dataAudizioneEffettiva === plannedDay
      ? `è il giorno fissato (${plannedDay}): non c'è nulla da registrare, l'audizione si registra nel verbale`
      : values.motivoCambioData === 'anticipo-concordato'
        ? `un anticipo deve precedere il giorno fissato (${plannedDay})`
        : `un rinvio deve seguire il giorno fissato (${plannedDay})`;
    throw badRequest('INVALID_FIELD', `Data in cui si è svolta l'audizione: ${detail}.`, { field: 'dataAudizioneEffettiva' });
  }
}

/** The calendar day in Rome of the convocation's date-time (as the timer reads it). */
function romeDay(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value.slice(0, 10) : new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(at);
}
