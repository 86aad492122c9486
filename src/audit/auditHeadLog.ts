import { appendFile, open } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from './AuditEntry.js';

/**
 * <DATA_DIR>/audit-heads.log: after each commit, the appending process adds one line with the new
 * entry's seq, hash and signature. Between two anchors it is the only record outside the database of
 * how far the chain reached, so cutting the tail of the table is seen. Lines of concurrent processes
 * may interleave out of seq order (each line is one O_APPEND write, so lines never mix).
 */
export const AUDIT_HEAD_LOG_FILE = 'audit-heads.log';

export function auditHeadLogPath(dataDir: string): string {
  return path.join(dataDir, AUDIT_HEAD_LOG_FILE);
}

export interface AuditHeadLine {
  seq: number;
  hash: string;
  keyId: string;
  signature: string;
}

export async function appendAuditHead(file: string, entry: AuditEntry): Promise<void> {
  if (!entry.signature || !entry.keyId) return;
  const line: AuditHeadLine = { seq: entry.seq, hash: entry.hash, keyId: entry.keyId, signature: entry.signature };
  await appendFile(file, `${JSON.stringify(line)}\n`, { flag: 'a' });
}

/** How much of the end of the file is read: far more than the lines in flight at any one time. */
const TAIL_BYTES = 256 * 1024;

/**
 * The well-formed lines near the end of the file (the highest seq is always there); undefined when
 * the file does not exist. Lines that do not parse are skipped: their signature decides, not their form.
 */
export async function readAuditHeadTail(file: string): Promise<AuditHeadLine[] | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    if (start > 0) lines.shift(); // cut in the middle
    const heads: AuditHeadLine[] = [];
    for (const text of lines) {
      if (text.trim() === '') continue;
      try {
        const l = JSON.parse(text) as Partial<AuditHeadLine>;
        if (Number.isSafeInteger(l.seq) && typeof l.hash === 'string' && typeof l.keyId === 'string' && typeof l.signature === 'string') {
          heads.push(l as AuditHeadLine);
        }
      } catch {
        // a torn last line after a crash
      }
    }
    return heads;
  } finally {
    await handle.close();
  }
}
