import { generateKeyPairSync, createHash, sign } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  anchorAuditChain,
  auditEntrySignedText,
  AuditTrail,
  hashAuditEntry,
  searchAuditTrail,
  type AuditChainBreakReason,
  type AuditEntry,
} from '../../../src/audit/index.js';
import { auditEntryToRow } from '../../../src/audit/auditEntryRow.js';
import type { AppDatabase } from '../../../src/db/index.js';
import { tamperAsDatabaseOwner, updEntry } from '../auditFixtures.js';

/**
 * The trail every tamper scenario starts from: six UPD steps, an anchor of them (verified, signed,
 * to the table and the log, recorded as an `audit.anchor` entry), then three more steps.
 */
export interface TamperBaseline {
  entries: AuditEntry[];
  /** the last entry the anchor covers */
  anchored: number;
  /** the `audit.anchor` entry */
  anchorEntry: number;
  head: number;
}

export async function buildTamperBaseline(db: AppDatabase): Promise<TamperBaseline> {
  const trail = new AuditTrail(db);
  for (let i = 1; i <= 6; i++) await trail.append(updEntry(i));
  const outcome = await anchorAuditChain(db, { trail });
  if (outcome.status !== 'anchored') throw new Error(`baseline not anchored: ${outcome.status}`);
  for (let i = 7; i <= 9; i++) await trail.append(updEntry(i));
  const entries = (await searchAuditTrail(db, {}, { limit: 500, order: 'asc' })).items;
  return { entries, anchored: outcome.anchor.headSeq, anchorEntry: outcome.entry.seq, head: entries.at(-1)!.seq };
}

export interface TamperScenario {
  name: string;
  tamper(db: AppDatabase, base: TamperBaseline): Promise<void>;
  /** where verification must report the break, and why */
  expected(base: TamperBaseline): { seq: number; reason: AuditChainBreakReason };
}

const anchorLog = (db: AppDatabase) => path.join(db.dataDir, 'audit-anchors.log');

/** What a forger with the database and a copy of DATA_DIR, but not the key, does: recompute every hash from `from` on. */
async function rewriteFrom(db: AppDatabase, base: TamperBaseline, from: number, change: (e: AuditEntry) => AuditEntry): Promise<AuditEntry[]> {
  const rewritten: AuditEntry[] = [];
  await tamperAsDatabaseOwner(db, async (k) => {
    let prevHash = base.entries.find((e) => e.seq === from - 1)?.hash ?? '0'.repeat(64);
    for (const original of base.entries.filter((e) => e.seq >= from)) {
      const content = { ...(original.seq === from ? change(original) : original), prevHash };
      // the old signature stays: without the key there is no valid one to put there
      const forged = { ...content, hash: hashAuditEntry(content) };
      await k('audit_entries').where({ seq: original.seq }).update(auditEntryToRow(forged));
      rewritten.push(forged);
      prevHash = forged.hash;
    }
  });
  return rewritten;
}

const nthStep = (base: TamperBaseline, step: number) => base.entries.filter((e) => e.action === 'job.complete')[step - 1].seq;

export const TAMPER_SCENARIOS: TamperScenario[] = [
  {
    name: 'an entry before the last anchor edited',
    tamper: (db, base) => tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: nthStep(base, 3) }).update({ actor_id: 'intruso' })),
    expected: (base) => ({ seq: nthStep(base, 3), reason: 'content-altered' }),
  },
  {
    name: 'an entry before the last anchor deleted',
    tamper: (db, base) => tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: nthStep(base, 4) }).delete()),
    expected: (base) => ({ seq: nthStep(base, 4), reason: 'missing-entry' }),
  },
  {
    name: 'two entries before the last anchor swapped',
    tamper: (db, base) =>
      tamperAsDatabaseOwner(db, async (k) => {
        const [a, b] = [nthStep(base, 2), nthStep(base, 3)];
        await k('audit_entries').where({ seq: a }).update({ seq: -1 });
        await k('audit_entries').where({ seq: b }).update({ seq: a });
        await k('audit_entries').where({ seq: -1 }).update({ seq: b });
      }),
    expected: (base) => ({ seq: nthStep(base, 2), reason: 'broken-link' }),
  },
  {
    name: 'an entry inserted before the last anchor, every later hash recomputed',
    tamper: async (db, base) => {
      // the forged step takes entry 4's place; entries from 4 on move up by one and are re-hashed
      const at = nthStep(base, 4);
      const inserted = { ...base.entries.find((e) => e.seq === at)!, data: { step: 'inserito', esito: 'archiviato' } };
      const shifted = [inserted, ...base.entries.filter((e) => e.seq >= at)].map((e, i) => ({ ...e, seq: at + i }));
      await tamperAsDatabaseOwner(db, async (k) => {
        await k('audit_entries').where('seq', '>=', at).delete();
        let prevHash = base.entries.find((e) => e.seq === at - 1)!.hash;
        for (const e of shifted) {
          const content = { ...e, prevHash };
          const forged = { ...content, hash: hashAuditEntry(content) };
          await k('audit_entries').insert(auditEntryToRow(forged));
          prevHash = forged.hash;
        }
      });
    },
    expected: (base) => ({ seq: nthStep(base, 4), reason: 'bad-signature' }),
  },
  {
    name: 'the tail after the last anchor cut off',
    tamper: (db, base) => tamperAsDatabaseOwner(db, (k) => k('audit_entries').where('seq', '>=', base.head - 1).delete()),
    expected: (base) => ({ seq: base.head - 1, reason: 'truncated' }),
  },
  {
    name: 'an entry after the last anchor rewritten and every later hash recomputed',
    tamper: async (db, base) => {
      await rewriteFrom(db, base, base.anchorEntry + 1, (e) => ({ ...e, data: { step: 7, esito: 'archiviato' } }));
    },
    expected: (base) => ({ seq: base.anchorEntry + 1, reason: 'bad-signature' }),
  },
  {
    name: 'a forged entry appended with a valid hash, signed with another key',
    tamper: async (db, base) => {
      const last = base.entries.at(-1)!;
      const content = { ...last, seq: last.seq + 1, timestamp: new Date().toISOString(), prevHash: last.hash, actor: { type: 'user' as const, id: 'upd1' }, action: 'task.complete' as const };
      const hash = hashAuditEntry(content);
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
      const signature = sign(null, Buffer.from(auditEntrySignedText(hash)), privateKey).toString('base64');
      await db.knex('audit_entries').insert(auditEntryToRow({ ...content, hash, signature, keyId }));
    },
    expected: (base) => ({ seq: base.head + 1, reason: 'bad-signature' }),
  },
  {
    name: 'a forged entry appended with a valid hash and no signature',
    tamper: async (db, base) => {
      const last = base.entries.at(-1)!;
      const content = { ...last, seq: last.seq + 1, prevHash: last.hash, data: { step: 10, esito: 'ok' } };
      await db.knex('audit_entries').insert(auditEntryToRow({ ...content, hash: hashAuditEntry(content), signature: undefined, keyId: undefined }));
    },
    expected: (base) => ({ seq: base.head + 1, reason: 'unsigned-entry' }),
  },
  {
    name: 'the whole chain rebuilt from entry 2, with the anchor table and log rewritten to match',
    tamper: async (db, base) => {
      const rewritten = await rewriteFrom(db, base, nthStep(base, 2), (e) => ({ ...e, actor: { type: 'user', id: 'intruso' } }));
      const newHash = rewritten.find((e) => e.seq === base.anchored)!.hash;
      await tamperAsDatabaseOwner(db, (k) => k('audit_anchors').update({ head_hash: newHash }));
      await writeFile(anchorLog(db), (await readFile(anchorLog(db), 'utf8')).replaceAll(base.entries.find((e) => e.seq === base.anchored)!.hash, newHash));
    },
    expected: (base) => ({ seq: nthStep(base, 2), reason: 'bad-signature' }),
  },
  {
    name: 'the whole chain rebuilt from entry 2 without signatures, anchor table and log deleted',
    tamper: async (db, base) => {
      await rewriteFrom(db, base, nthStep(base, 2), (e) => ({ ...e, data: { step: 2, esito: 'archiviato' } }));
      await tamperAsDatabaseOwner(db, async (k) => {
        await k('audit_entries').where('seq', '>=', nthStep(base, 2)).update({ signature: null, key_id: null });
        await k('audit_anchors').delete();
      });
      await rm(anchorLog(db));
    },
    expected: (base) => ({ seq: nthStep(base, 2), reason: 'unsigned-entry' }),
  },
  {
    name: 'the anchor log missing',
    tamper: (db) => rm(anchorLog(db)),
    expected: (base) => ({ seq: base.anchored, reason: 'anchor-log-missing' }),
  },
  {
    name: 'the anchor log and the anchor table both emptied',
    tamper: async (db) => {
      await tamperAsDatabaseOwner(db, (k) => k('audit_anchors').delete());
      await writeFile(anchorLog(db), '');
    },
    expected: (base) => ({ seq: base.anchorEntry, reason: 'anchor-log-edited' }),
  },
  {
    name: 'the anchor log edited to name another head hash',
    tamper: async (db, base) => {
      const text = await readFile(anchorLog(db), 'utf8');
      await writeFile(anchorLog(db), text.replace(base.entries.find((e) => e.seq === base.anchored)!.hash, 'f'.repeat(64)));
    },
    expected: (base) => ({ seq: base.anchored, reason: 'anchor-forged' }),
  },
  {
    name: 'the tail cut off and the head log deleted',
    tamper: async (db, base) => {
      await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where('seq', '>=', base.head).delete());
      await rm(path.join(db.dataDir, 'audit-heads.log'));
    },
    expected: (base) => ({ seq: base.anchorEntry, reason: 'head-log-missing' }),
  },
];
