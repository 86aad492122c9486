import { currentLang } from '../i18n/i18n.js';

/**
 * Italian for the texts dmn-js passes through its `translate` service (decision table head and
 * context menus, DRD palette). Texts dmn-js writes without `translate` stay in English.
 */
const italian: Record<string, string> = {
  When: 'Quando',
  And: 'E',
  Then: 'Allora',
  Annotations: 'Annotazioni',
  'Hit policy': 'Politica di corrispondenza',
  'Add Rule': 'Aggiungi regola',
  'Add rule': 'Aggiungi regola',
  'Input label: ': 'Etichetta dell’input: ',
  'Input expression: ': 'Espressione dell’input: ',
  'Input values': 'Valori ammessi',
  'Input type': 'Tipo di input',
  'Output values': 'Valori ammessi',
  'Output type': 'Tipo di output',
  'Output name: ': 'Nome dell’output: ',
  'Output label: ': 'Etichetta dell’output: ',
  'Decision Table': 'Tabella decisionale',
  'Literal Expression': 'Espressione letterale',
  'View DRD': 'Vedi il DRD',
  'Open decision table': 'Apri la tabella decisionale',
  'Create decision': 'Crea una decisione',
  'Create input data': 'Crea un dato di input',
  'Create knowledge source': 'Crea una fonte di conoscenza',
  'Create business knowledge model': 'Crea un modello di conoscenza',
  'Activate the hand tool': 'Attiva lo strumento mano',
  'Activate the lasso tool': 'Attiva lo strumento lazo',
};

export function dmnTranslate(template: string, replacements: Record<string, string | number> = {}): string {
  const text = currentLang() === 'it' ? (italian[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => (key in replacements ? String(replacements[key]) : `{${key}}`));
}

export default { translate: ['value', dmnTranslate] };
