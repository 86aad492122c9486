import flatpickr from 'flatpickr';
import { english } from 'flatpickr/dist/l10n/default';
import { Italian } from 'flatpickr/dist/l10n/it';
import type { Instance as Calendar } from 'flatpickr/dist/types/instance';
import { formViewerEn, formViewerIt, type FormViewerMessageKey } from '../i18n/formViewerMessages.js';
import type { Lang } from '../i18n/i18n.js';

/**
 * Workaround for form-js's missing i18n: form-js-viewer 1.23 writes its own English into every form
 * ('Select', 'Add new', its validation errors) and offers no hook to translate it, and its date field
 * uses flatpickr with flatpickr's default (English) locale and a date format taken from the browser,
 * not from the page. On an Italian page this module
 * - switches flatpickr to its own Italian locale (month and weekday names, weeks from Monday) through
 *   `flatpickr.localize`, which works because form-js and we import the same flatpickr module
 *   (package.json pins flatpickr to the range form-js asks for, so npm dedupes it and Vite bundles it once);
 * - watches the form's container and rewrites, in place, exactly the library texts listed in
 *   i18n/formViewerMessages.ts, each only where form-js renders it (the select's placeholder, the
 *   dynamic list's buttons, the error list...), so labels and values of our forms are never touched;
 * - sets the date fields to dd/mm/yyyy, with a matching Italian hint.
 * An English page keeps the library as it is. Remove this module once form-js can be translated.
 */
export function localiseFormViewer(container: HTMLElement, lang: Lang): () => void {
  localiseCalendar(lang);
  if (lang !== 'it') return () => undefined;
  const observer = new MutationObserver(() => {
    localiseRenderedForm(container);
    // What we just rewrote needs no second look.
    observer.takeRecords();
  });
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder', 'aria-label'] });
  localiseRenderedForm(container);
  return () => observer.disconnect();
}

/** flatpickr's tokens for dd/mm/yyyy, the way Italian PA documents write dates (see formatDate). */
const ITALIAN_DATE_FORMAT = 'd/m/Y';

/** Global on purpose: flatpickr reads its locale when a calendar is created, and form-js creates them. */
function localiseCalendar(lang: Lang): void {
  if (lang === 'it') {
    flatpickr.localize({
      ...Italian,
      yearAriaLabel: formViewerIt['formViewer.calendar.year'],
      monthAriaLabel: formViewerIt['formViewer.calendar.month'],
      hourAriaLabel: formViewerIt['formViewer.calendar.hour'],
      minuteAriaLabel: formViewerIt['formViewer.calendar.minute'],
    });
  } else {
    // After an Italian page in the same tab: every key Italian set is back to flatpickr's English.
    flatpickr.localize(english);
  }
}

type Target = 'text' | 'placeholder' | 'aria-label';

/** Where form-js renders each of its texts, and which of them may be there. */
const RULES: ReadonlyArray<{ selector: string; target: Target; keys: FormViewerMessageKey[] }> = [
  { selector: '.fjs-select-display.fjs-select-placeholder', target: 'text', keys: ['formViewer.select.placeholder'] },
  { selector: '.fjs-form-field-select input.fjs-input', target: 'placeholder', keys: ['formViewer.select.search'] },
  { selector: '.fjs-dropdownlist-empty', target: 'text', keys: ['formViewer.select.noResults'] },
  { selector: '.fjs-repeat-render-add', target: 'text', keys: ['formViewer.list.add'] },
  { selector: '.fjs-repeat-render-collapse', target: 'text', keys: ['formViewer.list.expandAll', 'formViewer.list.collapse'] },
  { selector: '.fjs-repeat-row-remove', target: 'aria-label', keys: ['formViewer.list.remove'] },
  { selector: '.fjs-number-arrow-up, .fjs-number-arrow-down', target: 'aria-label', keys: ['formViewer.number.increment', 'formViewer.number.decrement'] },
  { selector: '.fjs-form-field-error li', target: 'text', keys: (Object.keys(formViewerEn) as FormViewerMessageKey[]).filter((k) => k.startsWith('formViewer.error.')) },
];

function localiseRenderedForm(container: HTMLElement): void {
  for (const rule of RULES) {
    for (const element of container.querySelectorAll(rule.selector)) {
      if (rule.target === 'text') localiseText(element, rule.keys);
      else {
        const italian = toItalian(element.getAttribute(rule.target) ?? '', rule.keys);
        if (italian !== undefined) element.setAttribute(rule.target, italian);
      }
    }
  }
  for (const input of container.querySelectorAll<HTMLInputElement & { _flatpickr?: Calendar }>('.fjs-datepicker input.fjs-input')) {
    // The calendar is created after the input is rendered; the next mutation brings us back here.
    const calendar = input._flatpickr;
    if (calendar && calendar.config.dateFormat !== ITALIAN_DATE_FORMAT) calendar.set('dateFormat', ITALIAN_DATE_FORMAT);
    const hint = formViewerIt['formViewer.date.hint'];
    if (input.placeholder && input.placeholder !== hint) input.placeholder = hint;
  }
}

/** Changes the text node's data rather than the node: Preact keeps diffing the node it created. */
function localiseText(element: Element, keys: FormViewerMessageKey[]): void {
  for (const node of element.childNodes) {
    if (!(node instanceof Text)) continue;
    const text = node.data.trim();
    const italian = text ? toItalian(text, keys) : undefined;
    if (italian !== undefined) node.data = node.data.replace(text, italian);
  }
}

const patterns = new Map<FormViewerMessageKey, RegExp>();

/** The Italian for one of the library's English texts, its `{values}` carried over; undefined if none matches. */
function toItalian(text: string, keys: FormViewerMessageKey[]): string | undefined {
  for (const key of keys) {
    let pattern = patterns.get(key);
    if (!pattern) patterns.set(key, (pattern = templatePattern(formViewerEn[key])));
    const match = pattern.exec(text);
    if (match) return formViewerIt[key].replace(/\{(\w+)\}/g, (_, name: string) => match.groups?.[name] ?? '');
  }
  return undefined;
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? `(?<${part.slice(1, -1)}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
