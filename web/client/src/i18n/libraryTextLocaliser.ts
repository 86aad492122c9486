/**
 * Italian for the English a library writes into the page where it offers no way to translate it
 * (form-js-editor has no translate service; a few bpmn-js-properties-panel and @camunda/linting titles are
 * fixed strings or built without the `translate` prop). A MutationObserver on the library's container
 * rewrites, in place, a text node or an attribute whose whole trimmed value is one of `dictionary`'s
 * English texts, and only inside the elements `scopes` select, so labels written by users (a form
 * field called "Input") are never touched. Remove a scope once its library can be translated.
 */
export interface LocaliserScope {
  /** where the library's own controls are: `.fjs-palette`, `.bio-properties-panel`… */
  selector: string;
  dictionary: Record<string, string>;
  /** attributes translated besides text nodes */
  attributes?: readonly string[];
  /** English patterns with `{name}` parts, e.g. 'Create a {type} element' */
  patterns?: Record<string, string>;
}

const DEFAULT_ATTRIBUTES = ['title', 'placeholder', 'aria-label'] as const;

export function localiseLibraryTexts(container: HTMLElement, scopes: readonly LocaliserScope[]): () => void {
  const compiled = scopes.map((s) => ({ ...s, attributes: s.attributes ?? DEFAULT_ATTRIBUTES, matchers: Object.entries(s.patterns ?? {}).map(([en, itText]) => ({ re: templatePattern(en), itText })) }));
  const italianOf = (scope: (typeof compiled)[number], english: string): string | undefined => {
    if (Object.hasOwn(scope.dictionary, english)) return scope.dictionary[english];
    for (const m of scope.matchers) {
      const match = m.re.exec(english);
      if (match) return m.itText.replace(/\{(\w+)\}/g, (_, name: string) => scope.dictionary[match.groups?.[name] ?? ''] ?? match.groups?.[name] ?? '');
    }
    return undefined;
  };
  const run = () => {
    for (const scope of compiled) {
      const roots = [...(container.matches(scope.selector) ? [container] : []), ...container.querySelectorAll<HTMLElement>(scope.selector)];
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const text = node.data.trim();
          const italian = text ? italianOf(scope, text) : undefined;
          // the node's data, not the node: Preact keeps diffing the node it created
          if (italian !== undefined && italian !== text) node.data = node.data.replace(text, italian);
        }
        for (const el of [root, ...root.querySelectorAll('*')]) {
          for (const name of scope.attributes) {
            const value = el.getAttribute(name)?.trim();
            const italian = value ? italianOf(scope, value) : undefined;
            if (italian !== undefined && italian !== value) el.setAttribute(name, italian);
          }
        }
      }
    }
  };
  const observer = new MutationObserver(() => {
    run();
    observer.takeRecords();
  });
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title', 'placeholder', 'aria-label'] });
  run();
  return () => observer.disconnect();
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? `(?<${part.slice(1, -1)}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
