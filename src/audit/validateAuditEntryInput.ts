import { isAuditAction } from './auditActions.js';
import type { AuditActor, AuditEntity, AuditEntryContent, AuditEntryInput, JsonValue } from './AuditEntry.js';
import { canonicalJson } from './hashAuditEntry.js';

/** Upper bound of one entry's data, as canonical JSON: the trail records facts, not documents. */
export const MAX_AUDIT_DATA_BYTES = 64 * 1024;

const ACTOR_TYPES = new Set(['user', 'worker', 'engine']);
const INT64_KEY = /^\d{1,19}$/;
const ISTAT_COMUNE = /^\d{6}$/;

/** An input ready to be chained: only seq, timestamp and prevHash are missing. */
export type NormalisedAuditEntryInput = Omit<AuditEntryContent, 'seq' | 'timestamp' | 'prevHash'>;

export class InvalidAuditEntryError extends Error {
  readonly code = 'INVALID_AUDIT_ENTRY';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAuditEntryError';
  }
}

function requireText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new InvalidAuditEntryError(`${field} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

function normaliseActor(actor: AuditActor): AuditActor {
  if (!ACTOR_TYPES.has(actor?.type)) throw new InvalidAuditEntryError(`actor.type must be user, worker or engine`);
  const out: AuditActor = { type: actor.type, id: requireText(actor.id, 'actor.id', 200) };
  if (actor.role !== undefined) out.role = requireText(actor.role, 'actor.role', 100);
  if (actor.jobKey !== undefined) {
    if (!INT64_KEY.test(actor.jobKey)) throw new InvalidAuditEntryError('actor.jobKey must be an int64 decimal string');
    out.jobKey = actor.jobKey;
  }
  return out;
}

function normaliseEntity(entity: AuditEntity): AuditEntity {
  const out: AuditEntity = {
    type: requireText(entity?.type, 'entity.type', 64),
    key: requireText(entity?.key, 'entity.key', 200),
  };
  // An instance's own entries belong to its trail without the caller repeating the key.
  const pik = entity.processInstanceKey ?? (out.type === 'process-instance' ? out.key : undefined);
  if (pik !== undefined) {
    if (!INT64_KEY.test(pik)) throw new InvalidAuditEntryError('entity.processInstanceKey must be an int64 decimal string');
    out.processInstanceKey = pik;
  }
  if (entity.comune !== undefined) {
    if (!ISTAT_COMUNE.test(entity.comune)) throw new InvalidAuditEntryError('entity.comune must be a 6-digit ISTAT code');
    out.comune = entity.comune;
  }
  return out;
}

/**
 * Checks an input and returns it in the exact shape that will be hashed and stored: data goes
 * through canonical JSON and back, so what is hashed now is what a verifier reads later.
 */
export function normaliseAuditEntryInput(input: AuditEntryInput): NormalisedAuditEntryInput {
  if (!isAuditAction(String(input.action))) throw new InvalidAuditEntryError(`unknown audit action: ${String(input.action)}`);
  const rawData = input.data ?? {};
  if (typeof rawData !== 'object' || rawData === null || Array.isArray(rawData)) {
    throw new InvalidAuditEntryError('data must be a JSON object');
  }
  let dataJson: string;
  try {
    dataJson = canonicalJson(rawData);
  } catch (error) {
    throw new InvalidAuditEntryError(`data is not representable as JSON: ${(error as Error).message}`);
  }
  if (Buffer.byteLength(dataJson, 'utf8') > MAX_AUDIT_DATA_BYTES) {
    throw new InvalidAuditEntryError(`data exceeds ${MAX_AUDIT_DATA_BYTES} bytes`);
  }
  const out: NormalisedAuditEntryInput = {
    actor: normaliseActor(input.actor),
    action: input.action,
    entity: normaliseEntity(input.entity),
    data: JSON.parse(dataJson) as { [key: string]: JsonValue },
  };
  if (input.legalRule !== undefined) out.legalRule = requireText(input.legalRule, 'legalRule', 500);
  return out;
}
