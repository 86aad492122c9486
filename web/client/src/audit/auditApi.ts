import type { ElementStatistics, ProcessInstance } from '../api.js';

/** The shapes /api/audit answers with (web/server/audit). */
export interface AuditEntry {
  seq: number;
  timestamp: string;
  actor: { type: 'user' | 'worker' | 'engine'; id: string; role?: string; jobKey?: string };
  action: string;
  entity: { type: string; key: string; processInstanceKey?: string; comune?: string };
  data: Record<string, unknown>;
  legalRule?: string;
  prevHash: string;
  hash: string;
}

export type ChainStatus =
  | { status: 'ok'; entries: number; headSeq: number; headHash: string; anchorsChecked: number; latestAnchor: { headSeq: number; anchoredAt: string } | null; checkedAt: string }
  | { status: 'broken'; entries: number; brokenAt: { seq: number; reason: string; message: string; expectedHash: string; foundHash: string }; checkedAt: string };

export interface AuditSearchResult {
  items: AuditEntry[];
  total: number;
  limit: number;
  offset: number;
}

export interface EngineStep {
  elementInstanceKey: string;
  elementId: string;
  elementName?: string;
  type?: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate?: string;
  endDate?: string;
}

export interface InstanceTrail {
  instance: ProcessInstance;
  calledInstances: string[];
  entries: AuditEntry[];
  steps: EngineStep[];
  flows: string[];
  elements: ElementStatistics[];
}

// One closed list of actions, the one the server validates against.
export { AUDIT_ACTIONS, isAuditAction, type AuditAction } from '../../../../src/audit/auditActions.js';
