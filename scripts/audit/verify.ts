/**
 * npm run audit:verify -- [--data-dir DIR] [--database-url URL] [--public-key FILE ...] [--anchors FILE]
 *                         [--head-log FILE] [--tsa-ca FILE] [--timestamps all|latest|none] [--json]
 * Checks every entry's hash, link and Ed25519 signature with the public key(s) given (default: the
 * installation's key in DATA_DIR), every anchor of the table and of the anchor log (default
 * DATA_DIR/audit-anchors.log; pass the off-site copy), their RFC 3161 timestamps (against --tsa-ca),
 * and the head log (DATA_DIR/audit-heads.log) for a cut tail.
 * Exit 0: chain intact. Exit 1: chain broken (first broken entry printed). Exit 2: could not check.
 */
import { readFile } from 'node:fs/promises';
import {
  formatAuditKeyFingerprint,
  loadAuditPublicKeys,
  parseCertificatesPem,
  verifyAuditChain,
  type AnchorTimestampOptions,
} from '../../src/audit/index.js';
import { openDatabaseForCli } from './cliDatabase.js';

const OPTIONS = {
  'public-key': { type: 'string', multiple: true },
  anchors: { type: 'string' },
  'head-log': { type: 'string' },
  'tsa-ca': { type: 'string' },
  timestamps: { type: 'string', default: 'all' },
} as const;

async function main(): Promise<number> {
  const { db, json, values } = await openDatabaseForCli(process.argv.slice(2), OPTIONS);
  try {
    const mode = values.timestamps as string;
    if (!['all', 'latest', 'none'].includes(mode)) throw new Error(`--timestamps must be all, latest or none, got '${mode}'`);
    const timestamps: AnchorTimestampOptions = { check: mode as 'all' | 'latest' | 'none' };
    if (values['tsa-ca']) timestamps.trustedCerts = parseCertificatesPem(await readFile(values['tsa-ca'], 'utf8'));
    const publicKeyFiles = (values['public-key'] as string[] | undefined) ?? [];
    const result = await verifyAuditChain(db, {
      ...(publicKeyFiles.length > 0 ? { publicKeys: await loadAuditPublicKeys(publicKeyFiles) } : {}),
      ...(values.anchors ? { anchorFile: values.anchors as string } : {}),
      ...(values['head-log'] ? { headLogFile: values['head-log'] as string } : {}),
      timestamps,
    });
    if (json) {
      console.log(JSON.stringify(result, null, 2));
    } else if (result.ok) {
      const anchor = result.latestAnchor ? `; latest anchor: entry ${result.latestAnchor.headSeq} at ${result.latestAnchor.anchoredAt}` : '; no anchor yet';
      console.log(`audit chain OK: ${result.count} entries, head ${result.headSeq} ${result.headHash}${anchor}`);
      console.log(`  signed entries: ${result.signedEntries}${result.unsignedUpTo > 0 ? ` (entries 1..${result.unsignedUpTo} predate signing, vouched for by a signed anchor)` : ''}`);
      for (const keyId of result.keyIds) console.log(`  public key: ${formatAuditKeyFingerprint(keyId)}`);
      console.log(`  anchors checked: ${result.anchorsChecked}${result.anchorLog ? '' : ' (no anchor log)'}`);
      for (const t of result.timestamps) {
        if (t.check.ok) console.log(`  timestamp: entry ${t.anchor.headSeq} stamped ${t.check.genTime} by ${t.check.tsa}${timestamps.trustedCerts ? ' (trusted)' : ' (signature only: pass --tsa-ca to check the authority)'}`);
      }
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
