import type { Knex } from 'knex';
import type { AuditTrail } from '../../src/audit/AuditTrail.js';
import type { JobAuditNote } from './auditedJob.js';
import type { Mailer } from './Mailer.js';

/** Addresses of the Provincia's offices and of the outside bodies the procedures write to. */
export interface OfficeAddresses {
  /** Sender of every notice (the Provincia's PEC or e-mail). */
  mittente: string;
  upd: string;
  selezione: string;
  formazione: string;
  /** Dipartimento della Funzione Pubblica (art. 34-bis comunicazione). */
  funzionePubblica: string;
  /** Regional labour structure (art. 34-bis comunicazione). */
  regione: string;
  procura: string;
  corteDeiConti: string;
}

/** What every handler may use: the app database, the audit trail, SMTP, the documents folder, the time. */
export interface WorkerContext {
  knex: Knex;
  audit: AuditTrail;
  mailer: Mailer;
  /** Documents are written under `<dataDir>/documents`. */
  dataDir: string;
  addresses: OfficeAddresses;
  /** The time the worker acts at (injectable so tests follow the engine's pinned clock). */
  now(): Date;
  /** set by runHandler for the job being handled: steps add their details to its one audit entry */
  jobAudit?: JobAuditNote;
}

export const DEFAULT_ADDRESSES: OfficeAddresses = {
  mittente: 'protocollo@pec.provincia.mb.it',
  upd: 'upd@provincia.mb.it',
  selezione: 'concorsi@provincia.mb.it',
  formazione: 'formazione@provincia.mb.it',
  funzionePubblica: 'protocollo_dfp@mailbox.governo.it',
  regione: 'lavoro@pec.regione.lombardia.it',
  procura: 'prot.procura.monza@giustiziacert.it',
  corteDeiConti: 'lombardia.procura@corteconticert.it',
};
