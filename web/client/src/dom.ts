/** Tiny DOM helpers: build elements with text (never innerHTML with data), clear a node. */
type Attrs = Record<string, string | boolean | number | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | null | undefined | false | HTMLElement>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * A filter form that, on submit, moves to `route` with its non-empty filters in the hash query, so a
 * filtered list is a link one can bookmark and the view reads its filters from the URL alone.
 */
export function submitFiltersToHash(form: HTMLFormElement, names: readonly string[], route: string): void {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const name of names) {
      const v = (form.elements.namedItem(name) as HTMLInputElement | null)?.value;
      if (v) next.set(name, v);
    }
    location.hash = `${route}?${next.toString()}`;
  });
}
