/** One REST search page as Camunda answers it: the items, and the total when the server counts it. */
export interface SearchPage<T> {
  items?: T[];
  page?: { totalItems?: number | string };
}

export const PAGE_SIZE = 1000;

/**
 * Reads a search to its end, page after page (offset pagination, `from`/`limit`, which Camunda 8.8+
 * serves beside cursors), so a list never stops silently at one page. Stops at the first short page or
 * when the total the server reported has been read.
 */
export async function readAllPages<T>(search: (page: { from: number; limit: number }) => Promise<SearchPage<T> | undefined>, pageSize = PAGE_SIZE): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const result = await search({ from: out.length, limit: pageSize });
    const items = result?.items ?? [];
    out.push(...items);
    const total = result?.page?.totalItems === undefined ? undefined : Number(result.page.totalItems);
    if (items.length < pageSize || (total !== undefined && out.length >= total)) return out;
  }
}
