import type { AuditDatabase } from './AuditDatabase.js';
import { renderAuditTrailPdf } from './renderAuditTrailPdf.js';
import { listInstanceTrail } from './searchAuditTrail.js';
import { verifyAuditChain } from './verifyAuditChain.js';

export interface ExportInstanceTrailPdfOptions {
  now?: Date;
}

/** PDF report of one instance's trail, stating whether the whole chain verified when it was made. */
export async function exportInstanceTrailPdf(db: AuditDatabase, processInstanceKey: string, options: ExportInstanceTrailPdfOptions = {}): Promise<Uint8Array> {
  const verification = await verifyAuditChain(db);
  const entries = await listInstanceTrail(db, processInstanceKey);
  return renderAuditTrailPdf(entries, { processInstanceKey, generatedAt: options.now ?? new Date(), verification });
}
