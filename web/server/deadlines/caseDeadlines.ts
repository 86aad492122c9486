import type { DeadlineSite } from './deadlineSites.js';
import type { CaseDeadline } from '../../shared/deadlineTypes.js';
import { deadlineStatus } from './deadlineStatus.js';

export type { CaseDeadline } from '../../shared/deadlineTypes.js';

/** One entry of the workers' `scadenze` list (see workers/shared/deadlines.ts), read defensively. */
interface ScadenzaEntry {
  variabile?: unknown;
  tipo?: unknown;
  scadeIl?: unknown;
  dataTermine?: unknown;
  decorrenza?: unknown;
  giorni?: unknown;
  natura?: unknown;
  fonte?: unknown;
  spostataDa?: unknown;
  motivoSpostamento?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const isInstant = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && Number.isFinite(Date.parse(v));

/**
 * The deadlines named by `variables` for the given sites (or every `scadenze` entry when `sites` is
 * 'all'): the `scadenze` entry when there is one (legal source, nature), else the bare date variable.
 */
export function readCaseDeadlines(variables: Record<string, unknown>, sites: DeadlineSite[] | 'all', now: Date = new Date()): CaseDeadline[] {
  const entries = new Map<string, ScadenzaEntry>();
  if (Array.isArray(variables.scadenze)) {
    for (const e of variables.scadenze as ScadenzaEntry[]) if (e && typeof e === 'object' && typeof e.variabile === 'string') entries.set(e.variabile, e);
  }
  const wanted: Array<{ variable: string; site?: DeadlineSite }> =
    sites === 'all' ? [...entries.keys()].map((variable) => ({ variable })) : sites.map((site) => ({ variable: site.variable, site }));
  const out: CaseDeadline[] = [];
  const seen = new Set<string>();
  for (const { variable, site } of wanted) {
    if (seen.has(variable)) continue;
    const entry = entries.get(variable);
    const dueAt = isInstant(variables[variable]) ? (variables[variable] as string) : isInstant(entry?.scadeIl) ? (entry!.scadeIl as string) : undefined;
    if (!dueAt) continue;
    seen.add(variable);
    const lastDay = text(entry?.dataTermine);
    const natura = entry?.natura === 'perentorio' || entry?.natura === 'ordinatorio' ? entry.natura : undefined;
    out.push({
      variable,
      dueAt,
      lastDay,
      kind: text(entry?.tipo),
      nature: natura,
      legalSource: text(entry?.fonte),
      days: typeof entry?.giorni === 'number' ? entry.giorni : undefined,
      startDate: text(entry?.decorrenza),
      movedFrom: text(entry?.spostataDa),
      movedBecause: text(entry?.motivoSpostamento),
      elementId: site?.waitingElementId,
      siteName: site?.deadlineName,
      ...deadlineStatus(dueAt, lastDay, now),
    });
  }
  return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}
