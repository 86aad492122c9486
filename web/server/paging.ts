import { badRequest } from './errors.js';

export interface PageRequest {
  /** 1-based */
  page: number;
  pageSize: number;
}

/**
 * `page` and `pageSize` of a list request: lists are paged on the server and always report their total,
 * so nothing is cut silently; a bad value is a 400 naming it.
 */
export function parsePageQuery(q: Record<string, string | undefined>, sizes: { default: number; max: number }): PageRequest {
  const page = positiveInteger(q.page, 1, 'page', 'Pagina non valida');
  const pageSize = positiveInteger(q.pageSize, sizes.default, 'pageSize', 'Dimensione di pagina non valida');
  if (pageSize > sizes.max) throw badRequest('INVALID_FILTER', `Dimensione di pagina non valida (pageSize=${pageSize}): al massimo ${sizes.max} righe per pagina.`);
  return { page, pageSize };
}

export function pageOf<T>(items: T[], { page, pageSize }: PageRequest): T[] {
  const from = (page - 1) * pageSize;
  return items.slice(from, from + pageSize);
}

function positiveInteger(value: string | undefined, fallback: number, name: string, message: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw badRequest('INVALID_FILTER', `${message} (${name}=${value}): un intero da 1 in su.`);
  return Number(value);
}
