import fs from 'node:fs';
import path from 'node:path';

/** The engine cannot use its DATA_DIR; `npm start` prints the message alone (no stack trace) and exits. */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

const STORAGE_CODES: Record<string, string> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable (permission denied)',
  ENOSPC: 'is full (no space left on the device)',
  EDQUOT: 'is full (disk quota exceeded)',
};

/** Why a directory cannot take writes, or undefined when a probe file can be written and removed. */
export function dataDirProblem(dataDir: string): string | undefined {
  const probe = path.join(dataDir, `.write-probe-${process.pid}`);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(probe, 'probe');
    fs.unlinkSync(probe);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return `DATA_DIR ${dataDir} ${STORAGE_CODES[code] ?? `cannot be written (${code || (error as Error).message})`}`;
  }
}

/** A failure to open or create the engine's files that comes from the storage, not from a bug. */
export function isStorageFailure(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException;
  return (e?.code !== undefined && e.code in STORAGE_CODES) || /SQLITE_(FULL|READONLY|IOERR|CANTOPEN|PERM)/.test(String(e?.message ?? ''));
}
