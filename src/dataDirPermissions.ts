import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * DATA_DIR holds personal data (SQLite files with employees' codici fiscali, disciplinary acts as PDFs,
 * caught mail, the audit anchor log, cookie keys): owner only, files 0600 and folders 0700. The entry points
 * (src/main.ts, workers/main.ts) call this first: it sets the process umask to 077, so every file the
 * process creates later (SQLite's -wal and -shm included, which we do not open ourselves) gets those modes,
 * and tightens what an older version left readable by others.
 */
export async function protectDataDir(dataDir: string): Promise<{ tightened: string[] }> {
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const tightened: string[] = [];
  const visit = async (entry: string): Promise<void> => {
    const stat = await lstat(entry);
    if (stat.isSymbolicLink()) return; // a link the operator made (e.g. documents on another disk) is theirs to protect
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted && (stat.mode & 0o077) !== 0) {
      await chmod(entry, wanted);
      tightened.push(path.relative(dataDir, entry) || '.');
    }
    if (stat.isDirectory()) for (const name of await readdir(entry)) await visit(path.join(entry, name));
  };
  await visit(dataDir);
  return { tightened };
}
