import type { AuditAction } from './auditActions.js';

export type AuditActorType = 'user' | 'worker' | 'engine';

/** Who did it. Optional fields are absent, never null, so the hashed form is unambiguous. */
export interface AuditActor {
  type: AuditActorType;
  /** username, worker name, or engine node id */
  id: string;
  role?: string;
  /** the Zeebe job key (int64 as a decimal string) when a worker acts on a job */
  jobKey?: string;
}

/** What it was done to. */
export interface AuditEntity {
  /** e.g. 'process-instance', 'user-task', 'job', 'process-definition', 'document', 'user' */
  type: string;
  key: string;
  /** int64 as a decimal string */
  processInstanceKey?: string;
  /** ISTAT code of the Comune (6 digits) whose case this is */
  comune?: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What a caller hands to AuditTrail.append; seq, timestamp and hashes are the trail's job. */
export interface AuditEntryInput {
  actor: AuditActor;
  action: AuditAction;
  entity: AuditEntity;
  data?: { [key: string]: JsonValue };
  /** the legal source of the step, e.g. 'art. 55-bis c. 2 d.lgs. 165/2001' */
  legalRule?: string;
}

/** The part of an entry that is hashed. */
export interface AuditEntryContent {
  seq: number;
  timestamp: string;
  actor: AuditActor;
  action: AuditAction;
  entity: AuditEntity;
  data: { [key: string]: JsonValue };
  legalRule?: string;
  prevHash: string;
}

export interface AuditEntry extends AuditEntryContent {
  hash: string;
  /** base64 Ed25519 signature of auditEntrySignedText(hash); absent on entries from before signing */
  signature?: string;
  /** SHA-256 fingerprint (hex) of the public key that verifies the signature */
  keyId?: string;
}
