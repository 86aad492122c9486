export { AUDIT_ACTIONS, isAuditAction, type AuditAction } from './auditActions.js';
export type { AuditActor, AuditActorType, AuditEntity, AuditEntry, AuditEntryContent, AuditEntryInput, JsonValue } from './AuditEntry.js';
export { auditAnchorFilePath, AUDIT_ANCHORS_FILE, type AuditDatabase } from './AuditDatabase.js';
export { AuditTrail, type AuditChainHead, type AuditTrailOptions } from './AuditTrail.js';
export { InvalidAuditEntryError, MAX_AUDIT_DATA_BYTES } from './validateAuditEntryInput.js';
export { GENESIS_HASH, canonicalJson, hashAuditEntry } from './hashAuditEntry.js';
export {
  writeAuditAnchor,
  readAnchorFile,
  readFileAnchors,
  readTableAnchors,
  MalformedAnchorFileError,
  type AuditAnchor,
  type WriteAuditAnchorOptions,
} from './auditAnchors.js';
export { AuditAnchorScheduler, DEFAULT_ANCHOR_INTERVAL_MS, type AuditAnchorSchedulerOptions } from './AuditAnchorScheduler.js';
export { anchorAuditChain, AUDIT_ANCHOR_ACTOR, type AnchorAuditChainOptions, type AnchorOutcome } from './anchorAuditChain.js';
export {
  AUDIT_PUBLIC_KEY_FILE,
  AUDIT_SIGNING_KEY_FILE,
  AuditSigningKeyError,
  auditKeyFingerprint,
  formatAuditKeyFingerprint,
  loadAuditPublicKeys,
  loadAuditSigner,
  publicKeysOf,
  type AuditPublicKeys,
  type AuditSigner,
} from './auditSigningKey.js';
export { auditAnchorSignedText, auditEntrySignedText } from './auditSignedText.js';
export { AUDIT_HEAD_LOG_FILE, auditHeadLogPath } from './auditHeadLog.js';
export { installationPublicKeys } from './auditChainEvidence.js';
export { buildTimestampRequest, parseCertificatesPem, requestTimestampToken, TimestampError, verifyTimestampToken, type TimestampCheck } from './timestampAuthority.js';
export type { AnchorTimestampOptions, AnchorTimestampResult } from './checkAnchorTimestamps.js';
export {
  verifyAuditChain,
  type AuditChainBreak,
  type AuditChainBreakReason,
  type AuditChainVerification,
  type AuditChainVerified,
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
