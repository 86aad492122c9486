import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireNonNegativeInteger } from '../validation/assertions.js';
import { sanctionRule, type SanctionCode } from './sanctionScale.js';

export type SanctionMeasure =
  | { readonly sanction: 'multa'; readonly hours: number }
  | { readonly sanction: 'sospensione-fino-10-giorni'; readonly days: number }
  | { readonly sanction: 'sospensione-11-giorni-6-mesi'; readonly firstDay: string; readonly days: number };

/**
 * Checks that the amount imposed fits the sanction chosen: multa 1-4 hours' pay, short suspension
 * 1-10 days, long suspension from 11 days up to six months. Six months are counted on the calendar
 * from the first day of suspension (art. 2963, c. 4, c.c.), not as 180 days.
 */
export function assertSanctionMeasure(measure: SanctionMeasure): void {
  const code: SanctionCode = measure.sanction;
  sanctionRule(code);
  switch (measure.sanction) {
    case 'multa':
      inRange('hours', requireNonNegativeInteger('hours', measure.hours), 1, 4);
      return;
    case 'sospensione-fino-10-giorni':
      inRange('days', requireNonNegativeInteger('days', measure.days), 1, 10);
      return;
    case 'sospensione-11-giorni-6-mesi': {
      const days = requireNonNegativeInteger('days', measure.days);
      const first = parseIsoDate('firstDay', measure.firstDay);
      const maxDays = first.until(first.add({ months: 6 }), { largestUnit: 'days' }).days;
      inRange('days', days, 11, maxDays);
      return;
    }
  }
}

function inRange(field: string, value: number, min: number, max: number): void {
  if (value < min || value > max) {
    throw new DomainValidationError('OUT_OF_RANGE', field, `must be between ${min} and ${max}, got ${value}`);
  }
}
