import sqlite3 from 'sqlite3';

/**
 * WAL checkpoints off the commit path. By default SQLite copies the write-ahead log back into the database
 * inside the commit that takes the log past 1,000 pages: that batch, and every client waiting on it, waits for
 * the copy and its fsync (at a few hundred instances a second, one commit every half second). The engine's
 * connection turns that off (`PRAGMA wal_autocheckpoint = 0`) and this second connection runs a PASSIVE
 * checkpoint, which never blocks the writer, on SQLite's threads shortly after commits. Durability does not
 * depend on it: a commit is durable once its log frames are synced; a checkpoint only bounds the log's size.
 */
export class WalCheckpointer {
  private dirty = false;
  private running = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly db: sqlite3.Database,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.checkpoint(), intervalMs);
    this.timer.unref();
  }

  static async open(file: string, intervalMs = 200): Promise<WalCheckpointer> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (error) => (error ? reject(error) : resolve(opened)));
    });
    await new Promise<void>((resolve, reject) => db.exec('PRAGMA busy_timeout = 5000;', (error) => (error ? reject(error) : resolve())));
    return new WalCheckpointer(db, intervalMs);
  }

  /** A batch was committed: there is log to copy back. */
  committed(): void {
    this.dirty = true;
  }

  private checkpoint(): void {
    if (!this.dirty || this.running) return;
    this.dirty = false;
    this.running = true;
    this.db.run('PRAGMA wal_checkpoint(PASSIVE)', (error) => {
      this.running = false;
      // Busy or failed: the log is copied by a later pass (or by SQLite when the last connection closes).
      if (error) this.dirty = true;
    });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await new Promise<void>((resolve) => this.db.close(() => resolve()));
  }
}
