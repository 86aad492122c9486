/**
 * npm run audit:verify [-- --data-dir DIR] [--database-url URL] [--json]
 * Exit 0: chain intact. Exit 1: chain broken (first broken entry printed). Exit 2: could not check.
 */
import { verifyAuditChain } from '../../src/audit/index.js';
import { openDatabaseForCli } from './cliDatabase.js';

async function main(): Promise<number> {
  const { db, json } = await openDatabaseForCli(process.argv.slice(2));
  try {
    const result = await verifyAuditChain(db);
    if (json) {
      console.log(JSON.stringify(result, null, 2));
    } else if (result.ok) {
      const anchor = result.latestAnchor ? `; latest anchor: entry ${result.latestAnchor.headSeq} at ${result.latestAnchor.anchoredAt}` : '; no anchor yet';
      console.log(`audit chain OK: ${result.count} entries, head ${result.headSeq} ${result.headHash}${anchor}`);
    } else {
      const b = result.brokenAt;
      console.log(`audit chain BROKEN at entry ${b.seq} (${b.reason}): ${b.message}`);
      console.log(`  expected hash: ${b.expectedHash}`);
      console.log(`  found hash:    ${b.foundHash}`);
      console.log(`  entries verified before the break: ${result.count}`);
    }
    return result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit verification could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
