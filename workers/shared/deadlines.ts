import { Temporal } from 'temporal-polyfill';
import type { LegalDeadline } from '../../src/domain/index.js';
import { ROME } from './variables.js';
import type { JobRef } from './TaskHandler.js';
import type { WorkerContext } from './WorkerContext.js';

/**
 * One deadline as the UI and the auditors see it (the `scadenze` list variable). A deadline's `verify`
 * note (a reading a legal reviewer must confirm) stays in the code that computes it: it is an internal
 * note for the developers and reviewers, never case data shown to users.
 */
export interface ScadenzaRecord {
  /** Name of the process variable a timer reads, e.g. 'scadenzaContestazione'. */
  variabile: string;
  tipo: string;
  /** When the timer fires (ISO date-time with the Europe/Rome offset). */
  scadeIl: string;
  dataTermine: string;
  decorrenza: string;
  giorni: number;
  natura: 'perentorio' | 'ordinatorio';
  limite: 'notAfter' | 'notBefore';
  fonte: string;
  spostataDa: string | null;
  motivoSpostamento: string | null;
}

/**
 * The instant a timer watching the deadline fires. A term to meet ('notAfter') is missed only when its
 * last useful day is over, so the timer fires at the following midnight in Rome; a waiting period
 * ('notBefore') ends at the start of its first allowed day. Hour terms (48 ore) fire at their instant.
 */
export function timerInstant(deadline: LegalDeadline): string {
  if (deadline.dueDateTime) return Temporal.ZonedDateTime.from(`${deadline.dueDateTime}[${ROME}]`).toString({ timeZoneName: 'never' });
  const day = Temporal.PlainDate.from(deadline.dueDate);
  const start = deadline.limit === 'notAfter' ? day.add({ days: 1 }) : day;
  return start.toZonedDateTime({ timeZone: ROME }).toString({ timeZoneName: 'never' });
}

export function scadenza(variabile: string, deadline: LegalDeadline): ScadenzaRecord {
  return {
    variabile,
    tipo: deadline.kind,
    scadeIl: timerInstant(deadline),
    dataTermine: deadline.dueDate,
    decorrenza: deadline.startDate,
    giorni: deadline.days,
    natura: deadline.nature,
    limite: deadline.limit,
    fonte: deadline.legalSource,
    spostataDa: deadline.movedFrom ?? null,
    motivoSpostamento: deadline.movedBecause ?? null,
    // `deadline.verify` (a reading for the legal reviewer) stays in the code: it is never case data users see.
  };
}

/**
 * The variables to complete a deadline job with: one ISO date-time per timer variable, and the
 * `scadenze` list (previous entries for the same variable replaced) with source and nature for the UI.
 */
export function deadlineVariables(previous: unknown, entries: ScadenzaRecord[]): Record<string, unknown> {
  const kept = Array.isArray(previous) ? (previous as ScadenzaRecord[]).filter((p) => !entries.some((e) => e.variabile === p.variabile)) : [];
  const out: Record<string, unknown> = { scadenze: [...kept, ...entries] };
  for (const e of entries) out[e.variabile] = e.scadeIl;
  return out;
}

/** Each deadline set is recorded in the audit trail with its legal source. */
export async function auditDeadlines(ctx: WorkerContext, job: JobRef, businessKey: string, entries: ScadenzaRecord[], comune?: string): Promise<void> {
  for (const e of entries) {
    await ctx.audit.append({
      actor: { type: 'worker', id: job.type, jobKey: String(job.key) },
      action: 'deadline.set',
      entity: { type: 'process-instance', key: businessKey, processInstanceKey: String(job.processInstanceKey), ...(comune ? { comune } : {}) },
      data: { variabile: e.variabile, scadeIl: e.scadeIl, dataTermine: e.dataTermine, natura: e.natura, tipo: e.tipo },
      legalRule: e.fonte,
    });
  }
}
