/**
 * npm run audit:anchor [-- --data-dir DIR] [--database-url URL]
 * Records the chain head in audit_anchors and <DATA_DIR>/audit-anchors.log; run it daily (cron or
 * a systemd timer) when the app does not run AuditAnchorScheduler itself.
 */
import { writeAuditAnchor } from '../../src/audit/index.js';
import { openDatabaseForCli } from './cliDatabase.js';

async function main(): Promise<void> {
  const { db } = await openDatabaseForCli(process.argv.slice(2));
  try {
    const anchor = await writeAuditAnchor(db);
    console.log(`audit anchor written: entry ${anchor.headSeq} ${anchor.headHash} at ${anchor.anchoredAt}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`audit anchor could not be written: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
