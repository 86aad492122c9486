// The labels live beside the list of actions, so that the server's exports (CSV, PDF) say the same words.
export { auditActionEn, auditActionIt } from '../../../../src/audit/auditActionLabels.js';
