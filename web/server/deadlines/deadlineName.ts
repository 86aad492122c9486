import { deadlineKindName } from '../../../src/domain/index.js';
import type { CaseDeadline } from '../../shared/deadlineTypes.js';
import { variableWords } from '../../shared/variableWords.js';

/**
 * What a deadline is called where users read it: the legal term's Italian name (its kind, set by the
 * workers from src/domain), else what the diagram calls the step that waits on it, else the variable's
 * words ("scadenzaContestazione" → "Scadenza contestazione"); never the bare code.
 */
export function deadlineName(d: Pick<CaseDeadline, 'kind' | 'siteName' | 'variable'>): string {
  return deadlineKindName(d.kind) ?? d.siteName ?? variableWords(d.variable);
}
