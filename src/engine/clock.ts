/**
 * The engine's clock. Tests pin it and move it (Camunda's `PUT /v2/clock`, `POST /v2/clock/reset`)
 * so a 120-day deadline can be crossed in a second; listeners reschedule timers when it moves.
 */
export class EngineClock {
  private pinnedAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return this.pinnedAt ?? Date.now();
  }

  get isPinned(): boolean {
    return this.pinnedAt !== undefined;
  }

  pin(epochMillis: number): void {
    if (!Number.isFinite(epochMillis)) throw new Error(`Invalid clock time '${epochMillis}'`);
    this.pinnedAt = epochMillis;
    this.changed();
  }

  reset(): void {
    this.pinnedAt = undefined;
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
