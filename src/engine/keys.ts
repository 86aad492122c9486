/**
 * Zeebe keys: one counter per partition for every kind of entity, `(partitionId << 51) + n`.
 * The high-water mark is written with every batch, so keys never repeat after a restart.
 */
export const PARTITION_ID = 1;
export const FIRST_KEY = PARTITION_ID * 2 ** 51 + 1;

export class KeyGenerator {
  constructor(private nextKey: number) {}

  next(): number {
    return this.nextKey++;
  }

  peek(): number {
    return this.nextKey;
  }
}
