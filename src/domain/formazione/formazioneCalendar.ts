import { Temporal } from 'temporal-polyfill';
import { requireYear } from '../validation/assertions.js';
import type { LegalDeadline } from '../deadlines/LegalDeadline.js';

/**
 * F9: the yearly report on the training plan is taken on 31 December of the plan's year
 * (domain notes: timer on 31 December; a convenzione choice measured against the 40-hour goal of
 * the Direttiva 14 gennaio 2025). It is a fixed calendar date, not a term, so nothing moves.
 */
export function computeAnnualMonitoringDate(year: number): LegalDeadline {
  const y = requireYear('year', year);
  const start = Temporal.PlainDate.from({ year: y, month: 1, day: 1 });
  const due = Temporal.PlainDate.from({ year: y, month: 12, day: 31 });
  return {
    kind: 'monitoraggio-annuale-formazione',
    startDate: start.toString(),
    dueDate: due.toString(),
    days: start.until(due, { largestUnit: 'days' }).days,
    dayCount: 'calendar',
    nature: 'ordinatorio',
    limit: 'notAfter',
    legalSource: 'Direttiva Ministro per la PA 14 gennaio 2025; convenzione Provincia-Comuni',
  };
}
