import { currentLang } from '../../i18n/i18n.js';
import { italianElementType } from './elementTypes.js';
import { modeling } from './modeling.js';
import { propertiesPanel } from './propertiesPanel.js';
import { propertiesPanelTooltips } from './propertiesPanelTooltips.js';

/**
 * bpmn-js's `translate` service with our dictionary: the diagram modules (badges, deadlines), the
 * modeler's own labels and the properties panel speak the page's language. English is the
 * libraries' own text, so it passes through untouched.
 */
export const italian: Record<string, string> = { ...modeling, ...propertiesPanel, ...propertiesPanelTooltips };

/** Italian for an English template, or undefined when we have none. */
export function toItalian(template: string): string | undefined {
  return Object.hasOwn(italian, template) ? italian[template] : italianElementType(template);
}

export function customTranslate(template: string, replacements: Record<string, string | number> = {}): string {
  const text = currentLang() === 'it' ? (toItalian(template) ?? template) : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => (key in replacements ? String(replacements[key]) : `{${key}}`));
}

export default {
  translate: ['value', customTranslate],
};
