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
  const template = dictionaries[lang][key] ?? it[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
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
