import { Temporal } from 'temporal-polyfill';

export const ROME = 'Europe/Rome';
/** "In scadenza": due within this many calendar days (issue #7). */
export const DUE_SOON_DAYS = 5;

import type { DeadlineStatus } from '../../shared/deadlineTypes.js';

export type { DeadlineStatus } from '../../shared/deadlineTypes.js';

/**
 * Calendar days from today (in Rome) to the deadline's last useful day, and its status: overdue once
 * the instant the timer fires (`dueAt`) is past, "soon" when the last day is at most 5 days away.
 */
export function deadlineStatus(dueAt: string, lastDay: string | undefined, now: Date = new Date()): { daysLeft: number; status: DeadlineStatus } {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(ROME).toPlainDate();
  const last = lastDay && /^\d{4}-\d{2}-\d{2}$/.test(lastDay) ? Temporal.PlainDate.from(lastDay) : Temporal.Instant.from(normaliseInstant(dueAt)).toZonedDateTimeISO(ROME).toPlainDate();
  const daysLeft = today.until(last, { largestUnit: 'days' }).days;
  const overdue = Date.parse(dueAt) <= now.getTime();
  return { daysLeft, status: overdue ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'soon' : 'ok' };
}

/** Temporal wants seconds and an offset; Zeebe dates may come as `2030-01-31T23:59+01:00`. */
function normaliseInstant(value: string): string {
  return new Date(Date.parse(value)).toISOString();
}
