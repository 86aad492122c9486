export { AUDIT_ACTIONS, isAuditAction, type AuditAction } from './auditActions.js';
export type { AuditActor, AuditActorType, AuditEntity, AuditEntry, AuditEntryContent, AuditEntryInput, JsonValue } from './AuditEntry.js';
export { auditAnchorFilePath, AUDIT_ANCHORS_FILE, type AuditDatabase } from './AuditDatabase.js';
export { AuditTrail, type AuditChainHead, type AuditTrailOptions } from './AuditTrail.js';
export { InvalidAuditEntryError, MAX_AUDIT_DATA_BYTES } from './validateAuditEntryInput.js';
export { GENESIS_HASH, canonicalJson, hashAuditEntry } from './hashAuditEntry.js';
export { writeAuditAnchor, readFileAnchors, readTableAnchors, MalformedAnchorFileError, type AuditAnchor } from './auditAnchors.js';
export { AuditAnchorScheduler, type AuditAnchorSchedulerOptions } from './AuditAnchorScheduler.js';
export {
  verifyAuditChain,
  type AuditChainBreak,
  type AuditChainBreakReason,
  type AuditChainVerification,
  type VerifyAuditChainOptions,
} from './verifyAuditChain.js';
export {
  searchAuditTrail,
  listInstanceTrail,
  InvalidAuditSearchError,
  MAX_AUDIT_PAGE_SIZE,
  type AuditSearchFilter,
  type AuditSearchPage,
  type AuditSearchResult,
} from './searchAuditTrail.js';
export { exportInstanceTrailCsv, auditEntriesToCsv, AUDIT_CSV_COLUMNS } from './exportInstanceTrailCsv.js';
export { exportInstanceTrailPdf, type ExportInstanceTrailPdfOptions } from './exportInstanceTrailPdf.js';
export { renderAuditTrailPdf, type AuditTrailPdfMeta } from './renderAuditTrailPdf.js';
