/**
 * Runs tasks one after another in this process. Appends to the chain go through it so that
 * concurrent requests wait here instead of contending for the database write lock.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // A failed task must not poison the ones queued after it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
