import type { ItalianCalendar } from '../calendar/ItalianCalendar.js';
import { computeSospensioneCautelareEnd } from '../deadlines/disciplinareDeadlines.js';
import type { LegalDeadline } from '../deadlines/LegalDeadline.js';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { allowsSospensioneCautelare, sanctionRule, type SanctionCode } from './sanctionScale.js';

export interface SospensioneCautelareInput {
  /** The heaviest sanction the charge foresees (sanzioneMassimaPrevista). */
  readonly sanzionePrevista: SanctionCode | undefined;
  readonly firstDay: string;
  readonly days: number;
}

/**
 * D7: the UPD may remove the employee from work during the procedure only for infractions punishable
 * at least with suspension, for at most 30 days (CCNL Funzioni Locali; see computeSospensioneCautelareEnd).
 * Returns the last day of suspension, which a timer of the process waits for to end it.
 */
export function planSospensioneCautelare(calendar: ItalianCalendar, input: SospensioneCautelareInput): LegalDeadline {
  if (input.sanzionePrevista === undefined) {
    throw new DomainValidationError('CONFLICT', 'sanzioneMassimaPrevista', 'the charge must state the heaviest sanction foreseen before a precautionary suspension');
  }
  if (!allowsSospensioneCautelare(input.sanzionePrevista)) {
    throw new DomainValidationError('CONFLICT', 'sanzioneMassimaPrevista',
      `a precautionary suspension needs an infraction punishable at least with suspension, not with ${sanctionRule(input.sanzionePrevista).label}`);
  }
  return computeSospensioneCautelareEnd(calendar, input.firstDay, input.days);
}
