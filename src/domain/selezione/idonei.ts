import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireNonNegativeInteger } from '../validation/assertions.js';

/**
 * Limit on the idonei (S17): "Nei concorsi pubblici sono considerati idonei i candidati collocati
 * nella graduatoria finale entro il 20 per cento dei posti successivi all'ultimo di quelli banditi"
 * (art. 35, c. 5-ter, D.Lgs. 165/2001, period added by DL 44/2023 conv. L. 74/2023). Read here as
 * 20% of the posts of the bando, rounded up to a whole candidate (3 posts: 1 idoneo; 10 posts: 2),
 * the reading of the Dipartimento della funzione pubblica. Only those idonei may be hired by
 * scorrimento; the others stay in the published graduatoria but are not called.
 * verify (open questions):
 * 1. whether the limit binds enti locali at all (art. 91 TUEL and the graduatorie of enti locali,
 *    which DL 25/2025 conv. L. 69/2025 brought back to three years' validity);
 * 2. its suspension by DL 25/2025 for graduatorie approved in 2024 and 2025, and whether it runs
 *    again after;
 * 3. the rounding (up, here).
 * So the rule applies only when the bando states it (`applies`), and the result carries these notes.
 */
export const LIMITE_IDONEI_SOURCE = 'art. 35, c. 5-ter, D.Lgs. 165/2001 (periodo introdotto dal DL 44/2023, conv. L. 74/2023)';
export const LIMITE_IDONEI_VERIFY =
  'art. 35 c.5-ter idonei limit: application to enti locali (art. 91 TUEL; DL 25/2025), suspension by DL 25/2025 for graduatorie approved in 2024-2025, rounding of the 20%';
const QUOTA = 0.2;
const SUSPENDED_YEARS = [2024, 2025];

export interface IdoneiLimit {
  /** Idonei after the last winner who may be called; undefined when no limit applies. */
  readonly maxIdonei?: number;
  readonly applies: boolean;
  readonly legalSource: string;
  readonly verify: string;
}

export function computeIdoneiLimit(postiBanditi: number, input: { applies: boolean; approvalDate?: string }): IdoneiLimit {
  const posti = requireNonNegativeInteger('postiBanditi', postiBanditi);
  if (posti === 0) throw new DomainValidationError('OUT_OF_RANGE', 'postiBanditi', 'a concorso has at least one post');
  const year = input.approvalDate === undefined ? undefined : parseIsoDate('approvalDate', input.approvalDate).year;
  const suspended = year !== undefined && SUSPENDED_YEARS.includes(year);
  if (!input.applies || suspended) {
    return { applies: false, legalSource: suspended ? `${LIMITE_IDONEI_SOURCE}; sospeso dal DL 25/2025 per le graduatorie approvate nel ${year}` : LIMITE_IDONEI_SOURCE, verify: LIMITE_IDONEI_VERIFY };
  }
  return { applies: true, maxIdonei: Math.ceil(posti * QUOTA - 1e-9), legalSource: LIMITE_IDONEI_SOURCE, verify: LIMITE_IDONEI_VERIFY };
}
