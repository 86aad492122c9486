import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireFiniteNumber, requireYear } from '../validation/assertions.js';

/**
 * At least 40 hours of training per employee per year (Direttiva del Ministro per la pubblica
 * amministrazione 14 gennaio 2025); reaching it is a performance objective of each dirigente or
 * responsabile. F9 measures every employee against it on 31 December.
 */
export const ANNUAL_TRAINING_HOURS_TARGET = 40;
export const ANNUAL_TRAINING_SOURCE = 'Direttiva Ministro per la PA 14 gennaio 2025';

export interface TrainingRecord {
  /** Day the activity was attended (or the Syllabus module completed). */
  readonly date: string;
  readonly hours: number;
  readonly courseId?: string;
}

export interface TrainingHoursStatus {
  readonly year: number;
  readonly hours: number;
  readonly target: number;
  readonly remaining: number;
  readonly met: boolean;
  readonly legalSource: string;
}

// Attendance registers record hours to the quarter hour at best; two decimals keep sums exact.
const HUNDREDTHS = 100;

export function computeTrainingHoursStatus(
  year: number,
  records: readonly TrainingRecord[],
  target: number = ANNUAL_TRAINING_HOURS_TARGET,
): TrainingHoursStatus {
  requireYear('year', year);
  const goal = requireFiniteNumber('target', target);
  if (goal <= 0) throw new DomainValidationError('OUT_OF_RANGE', 'target', `must be positive, got ${goal}`);
  let total = 0;
  records.forEach((record, i) => {
    const date = parseIsoDate(`records[${i}].date`, record.date);
    const hours = requireFiniteNumber(`records[${i}].hours`, record.hours);
    if (hours <= 0 || hours > 24) {
      throw new DomainValidationError('OUT_OF_RANGE', `records[${i}].hours`, `hours of one day must be in (0, 24], got ${hours}`);
    }
    // Only activities of the year under review count towards its target.
    if (date.year === year) total += Math.round(hours * HUNDREDTHS);
  });
  const hours = total / HUNDREDTHS;
  const remaining = Math.max(0, Math.round((goal - hours) * HUNDREDTHS) / HUNDREDTHS);
  return { year, hours, target: goal, remaining, met: remaining === 0, legalSource: ANNUAL_TRAINING_SOURCE };
}
