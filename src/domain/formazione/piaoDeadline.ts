import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireYear } from '../validation/assertions.js';
import type { LegalDeadline } from '../deadlines/LegalDeadline.js';

/**
 * F3: the PIAO (with the training plan in its section 3) is adopted by 31 January (art. 6, c. 1,
 * DL 80/2021). For enti locali, "in ogni caso di differimento del termine previsto a legislazione
 * vigente per l'approvazione dei bilanci di previsione, il termine per l'adozione del PIAO è
 * differito di trenta giorni successivi a quello di approvazione dei bilanci" (art. 8, c. 2,
 * DM 24 giugno 2022, n. 132). The budget term is 31 December of the year before (art. 151 TUEL),
 * often deferred by a decree of the Ministro dell'interno: with a deferred term the PIAO is due 30
 * days after it.
 * verify: "quello di approvazione" read as the deferred term for the budget (here), not the day the
 * Comune actually approved it (the Dipartimento della funzione pubblica reads it so; some Comuni count
 * from their own approval).
 * The date is not moved off holidays: the act is the giunta's, whose calendar differs per Comune.
 */
export const PIAO_SOURCE = 'art. 6, c. 1, DL 80/2021';
export const PIAO_DIFFERITO_SOURCE = 'art. 8, c. 2, DM 132/2022 (differimento del termine di approvazione del bilancio di previsione)';
const DEFERRAL_DAYS = 30;

export function computePiaoDeadline(year: number, termineBilancioDifferito?: string): LegalDeadline {
  const y = requireYear('anno', year);
  const ordinary = parseIsoDate('ordinario', `${y}-01-31`);
  if (termineBilancioDifferito === undefined) {
    const start = ordinary.subtract({ days: 31 });
    return {
      kind: 'adozione-piao', startDate: start.toString(), dueDate: ordinary.toString(), days: 31,
      dayCount: 'calendar', nature: 'ordinatorio', limit: 'notAfter', legalSource: PIAO_SOURCE,
    };
  }
  const budget = parseIsoDate('termineBilancioPrevisione', termineBilancioDifferito);
  // The ordinary budget term is 31 December of the year before: a "deferral" must come after it.
  if (budget.year !== y || budget.month > 12) {
    throw new DomainValidationError('OUT_OF_RANGE', 'termineBilancioPrevisione', `a deferred budget term for the PIAO ${y} falls in ${y}, got ${budget.toString()}`);
  }
  const due = budget.add({ days: DEFERRAL_DAYS });
  return {
    kind: 'adozione-piao', startDate: budget.toString(), dueDate: due.toString(), days: DEFERRAL_DAYS,
    dayCount: 'calendar', nature: 'ordinatorio', limit: 'notAfter',
    legalSource: `${PIAO_SOURCE}; ${PIAO_DIFFERITO_SOURCE}`,
    verify: 'PIAO deferral: 30 days from the deferred budget term, not from the actual approval',
  };
}
