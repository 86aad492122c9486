/**
 * npm run audit:anchor -- [--data-dir DIR] [--database-url URL] [--tsa-url URL]
 * Verifies the chain and, only if it holds, signs its head into audit_anchors and
 * <DATA_DIR>/audit-anchors.log (stamped by the TSA at --tsa-url or AUDIT_TSA_URL). The web app does
 * this every ten minutes itself; this is for cron when it does not run.
 * Exit 0: anchored (or nothing new). Exit 1: the chain is broken, nothing anchored. Exit 2: could not run.
 */
import { anchorAuditChain } from '../../src/audit/index.js';
import { openDatabaseForCli } from './cliDatabase.js';

async function main(): Promise<number> {
  const { db, values } = await openDatabaseForCli(process.argv.slice(2), { 'tsa-url': { type: 'string' } } as const);
  try {
    const outcome = await anchorAuditChain(db, { tsaUrl: (values['tsa-url'] as string | undefined) ?? (process.env.AUDIT_TSA_URL || undefined) });
    if (outcome.status === 'broken') {
      const b = outcome.brokenAt;
      console.log(`audit chain BROKEN at entry ${b.seq} (${b.reason}): ${b.message}; nothing was anchored`);
      return 1;
    }
    if (outcome.status === 'unchanged') {
      console.log(`audit anchor not needed: nothing was appended since the anchor of entry ${outcome.verification.headSeq - 1}`);
      return 0;
    }
    const a = outcome.anchor;
    const stamp = a.tsaToken ? ', timestamped' : outcome.tsaError ? ` (NOT timestamped: ${outcome.tsaError})` : '';
    console.log(`audit anchor written: entry ${a.headSeq} ${a.headHash} at ${a.anchoredAt}${stamp}`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit anchor could not be written: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
