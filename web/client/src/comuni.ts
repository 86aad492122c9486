import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n/i18n.js';

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

/**
 * A search box for a list of Comuni (a multiple select of dozens of names): typing keeps the options whose
 * name or ISTAT code contains the text, ignoring case and accents; chosen Comuni stay listed, so a search
 * never hides what is selected. Returns the box, to put above the select, and a line counting the choices.
 */
export function comuneSearch(select: HTMLSelectElement): { search: HTMLInputElement; chosen: HTMLElement } {
  const search = h('input', { type: 'search', id: `${select.id}-search`, class: 'comune-search', 'aria-controls': select.id, 'aria-label': t('comuni.search'), placeholder: t('comuni.search'), autocomplete: 'off' });
  const chosen = h('small', { class: 'empty comune-chosen', id: `${select.id}-chosen`, 'aria-live': 'polite' });
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const apply = () => {
    const needle = fold(search.value.trim());
    for (const option of select.options) option.hidden = needle !== '' && !option.selected && !fold(option.textContent ?? '').includes(needle);
    chosen.textContent = t('comuni.chosen', { count: select.selectedOptions.length });
  };
  search.addEventListener('input', apply);
  // Enter in the box must not submit the form it sits in
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') e.preventDefault();
  });
  select.addEventListener('change', apply);
  apply();
  return { search, chosen };
}
