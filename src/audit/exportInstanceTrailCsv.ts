import { stringify } from 'csv-stringify/sync';
import { oraDiRoma } from '../domain/calendar/italianDate.js';
import type { AuditDatabase } from './AuditDatabase.js';
import type { AuditEntry } from './AuditEntry.js';
import { auditActionLabelIt } from './auditActionLabels.js';
import { canonicalJson } from './hashAuditEntry.js';
import { listInstanceTrail } from './searchAuditTrail.js';

/**
 * Column headers of the export, in Italian for the auditors; the order is stable because auditors
 * script against it. Beside the Rome wall-clock time and the action in words, the export keeps the
 * hashed values as they are (UTC instant, action code, canonical JSON) so that every hash can be
 * recomputed from the CSV alone.
 */
export const AUDIT_CSV_COLUMNS = [
  'N. voce',
  'Data e ora (Europe/Rome)',
  'Istante UTC (ISO 8601)',
  'Tipo attore',
  'Attore',
  'Ruolo',
  'Chiave job',
  'Azione',
  'Codice azione',
  'Tipo oggetto',
  'Chiave oggetto',
  'Istanza di processo',
  'Comune (ISTAT)',
  'Norma',
  'Dati (JSON canonico)',
  'Hash precedente',
  'Hash',
] as const;

const ACTOR_TYPES: Record<string, string> = { user: 'utente', worker: 'worker', engine: 'motore' };

/** UTF-8 byte order mark: Excel set to Italian opens the file as UTF-8 only with it. */
const BOM = '\uFEFF';

function toRow(e: AuditEntry): string[] {
  return [
    String(e.seq),
    oraDiRoma(e.timestamp),
    e.timestamp,
    ACTOR_TYPES[e.actor.type] ?? e.actor.type,
    e.actor.id,
    e.actor.role ?? '',
    e.actor.jobKey ?? '',
    auditActionLabelIt(e.action),
    e.action,
    e.entity.type,
    e.entity.key,
    e.entity.processInstanceKey ?? '',
    e.entity.comune ?? '',
    e.legalRule ?? '',
    canonicalJson(e.data),
    e.prevHash,
    e.hash,
  ];
}

/**
 * CSV as a spreadsheet with Italian settings reads it: UTF-8 with BOM, `;` between cells (the comma
 * is the Italian decimal separator), CRLF, a header row; quoting as RFC 4180. Cells starting with
 * = + - @ (a username typed at a failed sign-in can be anything) are prefixed with ' so that a
 * spreadsheet shows them instead of running them; strip that prefix before recomputing a hash.
 */
export function auditEntriesToCsv(entries: AuditEntry[]): string {
  return (
    BOM +
    stringify([[...AUDIT_CSV_COLUMNS], ...entries.map(toRow)], {
      delimiter: ';',
      record_delimiter: 'windows',
      escape_formulas: true,
    })
  );
}

export async function exportInstanceTrailCsv(db: AuditDatabase, processInstanceKey: string): Promise<string> {
  return auditEntriesToCsv(await listInstanceTrail(db, processInstanceKey));
}
