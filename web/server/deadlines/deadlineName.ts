import { deadlineKindName } from '../../../src/domain/index.js';
import type { CaseDeadline } from '../../shared/deadlineTypes.js';

/**
 * What a deadline is called where users read it: the legal term's Italian name (its kind, set by the
 * workers from src/domain), else what the diagram calls the step that waits on it, else the variable's
 * words ("scadenzaContestazione" → "Scadenza contestazione"); never the bare code.
 */
export function deadlineName(d: Pick<CaseDeadline, 'kind' | 'siteName' | 'variable'>): string {
  return deadlineKindName(d.kind) ?? d.siteName ?? wordsOf(d.variable);
}

function wordsOf(variable: string): string {
  const words = variable
    .replace(/[_-]+/g, ' ')
    .replace(/([a-zà-ù])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
