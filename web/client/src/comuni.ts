import { api } from './api.js';

export interface Comune {
  codiceIstat: string;
  nome: string;
}

let names: Promise<Map<string, string>> | undefined;

/**
 * The Provincia's Comuni by ISTAT code, fetched once per page load (the list changes only with a new
 * Comune), so lists can show "Monza (108033)" where the API gives the bare code. A failed fetch is
 * not kept: the codes are shown, and the next view asks again.
 */
export function comuneNames(): Promise<Map<string, string>> {
  names ??= api
    .get<{ items: Comune[] }>('/api/comuni')
    .then((res) => new Map(res.items.map((c) => [c.codiceIstat, c.nome])))
    .catch(() => {
      names = undefined;
      return new Map<string, string>();
    });
  return names;
}

/** "Monza (108033)", or the bare code when the name is not known. */
export function comuneLabel(names: Map<string, string>, code: string | undefined): string {
  if (!code) return '';
  const nome = names.get(code);
  return nome ? `${nome} (${code})` : code;
}
