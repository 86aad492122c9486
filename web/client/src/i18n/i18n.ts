import { en, it, type MessageKey } from './messages.js';

export type Lang = 'it' | 'en';
const STORAGE_KEY = 'hr.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { it, en };

let lang: Lang = (localStorage.getItem(STORAGE_KEY) as Lang | null) === 'en' ? 'en' : 'it';

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return formatMessage(dictionaries[lang][key] ?? it[key] ?? key, params, lang);
}

/**
 * Fills a template: `{name}` takes the parameter; `{count, plural, one {# errore} other {# errori}}` (ICU's
 * plural syntax, one level) picks the form the language's plural rules give for the number (Intl.PluralRules:
 * Italian says "1 errore", "0 errori", "2 errori") and puts the number, written the language's way, for `#`.
 */
export function formatMessage(template: string, params: Record<string, string | number>, language: Lang): string {
  const plural = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
  const withPlurals = template.replace(plural, (whole, name: string, cases: string) => {
    const value = Number(params[name]);
    if (params[name] === undefined || Number.isNaN(value)) return whole;
    const forms = new Map([...cases.matchAll(/(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
    const form = forms.get(`=${value}`) ?? forms.get(pluralRules(language).select(value)) ?? forms.get('other') ?? '';
    return form.replace(/#/g, new Intl.NumberFormat(LOCALES[language]).format(value));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

const LOCALES: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };
const rules = new Map<Lang, Intl.PluralRules>();
function pluralRules(language: Lang): Intl.PluralRules {
  let r = rules.get(language);
  if (!r) rules.set(language, (r = new Intl.PluralRules(LOCALES[language])));
  return r;
}

const TIME_ZONE = 'Europe/Rome';

/** dd/mm/yyyy in Rome time, as Italian PA documents write dates. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('it-IT', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('it-IT', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

document.documentElement.lang = lang;
