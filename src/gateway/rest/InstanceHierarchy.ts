import type { Knex } from 'knex';

/** Items that Camunda 8.9 tags with the top-level instance of their call hierarchy. */
export interface RootedItem {
  processInstanceKey: string | null;
  rootProcessInstanceKey: string | null;
}

const CACHE_LIMIT = 50_000;

/**
 * `rootProcessInstanceKey` (Camunda 8.9): the top-level ancestor of an instance's call-activity hierarchy,
 * the instance itself when it has no parent. An instance's root never changes, so answers are cached.
 */
export class InstanceHierarchy {
  private readonly roots = new Map<number, number>();

  constructor(private readonly knex: Knex) {}

  async rootsOf(keys: Iterable<number>): Promise<Map<number, number>> {
    const wanted = [...new Set(keys)];
    const unknown = wanted.filter((key) => !this.roots.has(key));
    if (unknown.length > 0) {
      const rows = (await this.knex('process_instances').whereIn('key', unknown).select('key', 'parent_process_instance_key')) as { key: number; parent_process_instance_key: number | null }[];
      const parents = new Map<number, number>();
      for (const row of rows) {
        const parent = row.parent_process_instance_key === null ? -1 : Number(row.parent_process_instance_key);
        if (parent > 0) parents.set(Number(row.key), parent);
        else this.remember(Number(row.key), Number(row.key));
      }
      if (parents.size > 0) {
        const parentRoots = await this.rootsOf(parents.values());
        for (const [key, parent] of parents) {
          const root = parentRoots.get(parent);
          if (root !== undefined) this.remember(key, root);
        }
      }
    }
    const out = new Map<number, number>();
    for (const key of wanted) {
      const root = this.roots.get(key);
      if (root !== undefined) out.set(key, root);
    }
    return out;
  }

  /** Sets `rootProcessInstanceKey` on each item that names its process instance. */
  async fill<T extends RootedItem>(items: T[]): Promise<T[]> {
    const keys = items.flatMap((item) => (item.processInstanceKey === null ? [] : [Number(item.processInstanceKey)]));
    const roots = await this.rootsOf(keys);
    for (const item of items) {
      const root = item.processInstanceKey === null ? undefined : roots.get(Number(item.processInstanceKey));
      item.rootProcessInstanceKey = root === undefined ? null : String(root);
    }
    return items;
  }

  async fillOne<T extends RootedItem>(item: T): Promise<T> {
    return (await this.fill([item]))[0];
  }

  private remember(key: number, root: number): void {
    if (this.roots.size >= CACHE_LIMIT) this.roots.clear();
    this.roots.set(key, root);
  }
}
