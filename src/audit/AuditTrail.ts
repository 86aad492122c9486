import type { Knex } from 'knex';
import { isBusyError, isUniqueViolation, toSafeInteger } from '../db/dialect.js';
import type { AuditDatabase } from './AuditDatabase.js';
import type { AuditEntry, AuditEntryInput } from './AuditEntry.js';
import { AUDIT_ENTRIES_TABLE, auditEntryToRow } from './auditEntryRow.js';
import { appendAuditHead, auditHeadLogPath } from './auditHeadLog.js';
import { auditEntrySignedText } from './auditSignedText.js';
import { loadAuditSigner, type AuditSigner } from './auditSigningKey.js';
import { GENESIS_HASH, hashAuditEntry } from './hashAuditEntry.js';
import { SerialQueue } from './SerialQueue.js';
import { normaliseAuditEntryInput, type NormalisedAuditEntryInput } from './validateAuditEntryInput.js';

export interface AuditChainHead {
  /** 0 when the trail is empty */
  seq: number;
  /** GENESIS_HASH when the trail is empty */
  hash: string;
}

export interface AuditTrailOptions {
  /** Injected in tests; entries take the time at which they are chained. */
  clock?: () => Date;
  /** Default: the installation's key (AUDIT_SIGNING_KEY or <dataDir>/audit-signing-key.pem). */
  signer?: AuditSigner | Promise<AuditSigner>;
  /** Where committed heads are recorded outside the database; default <dataDir>/audit-heads.log. */
  headLogFile?: string;
  /** A committed entry whose head line could not be written (disk full): logged, never retried. */
  onHeadLogError?: (error: unknown) => void;
}

/** Another process can win the race for a seq only in a few narrow windows; retry those. */
const MAX_APPEND_ATTEMPTS = 5;

/**
 * The append side of the audit trail. Entries are only ever inserted; each one carries the hash
 * of the one before, so changing, removing or reordering any entry breaks every later link.
 */
export class AuditTrail {
  private readonly queue = new SerialQueue();
  private readonly clock: () => Date;
  private readonly signer: Promise<AuditSigner>;
  private readonly headLogFile: string;
  private readonly onHeadLogError: (error: unknown) => void;

  constructor(
    private readonly db: AuditDatabase,
    options: AuditTrailOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.signer = Promise.resolve(options.signer ?? loadAuditSigner(db.dataDir));
    // An unused trail (a route that never appends) must not report a key problem as unhandled.
    this.signer.catch(() => undefined);
    this.headLogFile = options.headLogFile ?? auditHeadLogPath(db.dataDir);
    this.onHeadLogError = options.onHeadLogError ?? ((e) => console.error('[audit] head log not written', e));
  }

  /** Validates, chains and stores one entry; resolves once it is committed. */
  async append(input: AuditEntryInput): Promise<AuditEntry> {
    // Validation errors reject the promise like every other failure, never throw synchronously.
    const content = normaliseAuditEntryInput(input);
    return this.queue.run(async () => {
      const signer = await this.signer;
      const entry = await this.chain(content, signer);
      await appendAuditHead(this.headLogFile, entry).catch(this.onHeadLogError);
      return entry;
    });
  }

  private async chain(content: NormalisedAuditEntryInput, signer: AuditSigner): Promise<AuditEntry> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.knex.transaction(async (trx) => {
          // Take the cross-process write lock before reading the head (see migration 0005), and
          // the time after it, so that timestamps follow seq order across processes too.
          await trx('audit_chain_lock').where({ id: 1 }).update({ id: trx.ref('id') });
          const head = await readHead(trx);
          const unhashed = { seq: head.seq + 1, timestamp: this.clock().toISOString(), ...content, prevHash: head.hash };
          const hash = hashAuditEntry(unhashed);
          // Each process signs its own entries with the shared key: no signing service to lock.
          const entry: AuditEntry = { ...unhashed, hash, signature: signer.sign(auditEntrySignedText(hash)), keyId: signer.keyId };
          await trx(AUDIT_ENTRIES_TABLE).insert(auditEntryToRow(entry));
          return entry;
        });
      } catch (error) {
        if (attempt >= MAX_APPEND_ATTEMPTS || !(isUniqueViolation(error) || isBusyError(error))) throw error;
      }
    }
  }

  /**
   * Chains and stores several entries in one transaction (one lock, one commit), in the given
   * order; all or none. For writers that bring many entries at once (the engine event follower).
   */
  async appendAll(inputs: AuditEntryInput[]): Promise<AuditEntry[]> {
    // Every input is validated before anything is written: one bad entry refuses the whole batch.
    const contents = inputs.map((input) => normaliseAuditEntryInput(input));
    if (contents.length === 0) return [];
    return this.queue.run(async () => {
      const signer = await this.signer;
      const entries = await this.chainAll(contents, signer);
      // The batch's last entry is the highest seq: that one line is what shows a cut tail.
      await appendAuditHead(this.headLogFile, entries[entries.length - 1]).catch(this.onHeadLogError);
      return entries;
    });
  }

  private async chainAll(contents: NormalisedAuditEntryInput[], signer: AuditSigner): Promise<AuditEntry[]> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.db.knex.transaction(async (trx) => {
            await trx('audit_chain_lock').where({ id: 1 }).update({ id: trx.ref('id') });
            let head = await readHead(trx);
            const timestamp = this.clock().toISOString();
            const entries: AuditEntry[] = [];
            for (const content of contents) {
              const unhashed = { seq: head.seq + 1, timestamp, ...content, prevHash: head.hash };
              const hash = hashAuditEntry(unhashed);
              const entry: AuditEntry = { ...unhashed, hash, signature: signer.sign(auditEntrySignedText(hash)), keyId: signer.keyId };
              entries.push(entry);
              head = { seq: entry.seq, hash: entry.hash };
            }
            // Chunks keep each INSERT under the databases' bound-parameter limits.
            for (let i = 0; i < entries.length; i += 50) await trx(AUDIT_ENTRIES_TABLE).insert(entries.slice(i, i + 50).map(auditEntryToRow));
            return entries;
          });
        } catch (error) {
          if (attempt >= MAX_APPEND_ATTEMPTS || !(isUniqueViolation(error) || isBusyError(error))) throw error;
        }
      }
  }

  head(): Promise<AuditChainHead> {
    return readHead(this.db.knex);
  }
}

export async function readHead(knex: Knex): Promise<AuditChainHead> {
  const row = (await knex(AUDIT_ENTRIES_TABLE).select('seq', 'hash').orderBy('seq', 'desc').first()) as
    | { seq: number | string; hash: string }
    | undefined;
  return row ? { seq: toSafeInteger(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}
