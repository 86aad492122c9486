import { currentLang } from '../../i18n/i18n.js';

/**
 * bpmn-js's `translate` service with our dictionary: the diagram modules (badges, deadlines) and
 * the modeler's own labels speak the page's language.
 */
const italian: Record<string, string> = {
  Active: 'Attive',
  Completed: 'Completate',
  Canceled: 'Annullate',
  Incidents: 'Incidenti',
  'due in {days} d': 'scade tra {days} g',
  'due today': 'scade oggi',
  'overdue by {days} d': 'scaduta da {days} g',
  'Deadline {name}: {date}': 'Scadenza {name}: {date}',
  'Activate hand tool': 'Attiva lo strumento mano',
  'Activate lasso tool': 'Attiva lo strumento lazo',
  'Activate create/remove space tool': 'Attiva lo strumento spazio',
  'Activate global connect tool': 'Attiva lo strumento di collegamento',
  'Create start event': 'Crea evento di inizio',
  'Create end event': 'Crea evento di fine',
  'Create task': 'Crea attività',
  'Create gateway': 'Crea gateway',
  'Create intermediate/boundary event': 'Crea evento intermedio/di bordo',
  'Create data object reference': 'Crea oggetto dati',
  'Create data store reference': 'Crea archivio dati',
  'Create expanded sub-process': 'Crea sottoprocesso espanso',
  'Create pool/participant': 'Crea pool/partecipante',
  'Create group': 'Crea gruppo',
  'Change element': 'Cambia elemento',
  Delete: 'Elimina',
  'Append task': 'Aggiungi attività',
  'Append end event': 'Aggiungi evento di fine',
  'Append gateway': 'Aggiungi gateway',
  'Connect to other element': 'Collega a un altro elemento',
  'Add text annotation': 'Aggiungi annotazione',
};

export function customTranslate(template: string, replacements: Record<string, string> = {}): string {
  const text = currentLang() === 'it' ? (italian[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`);
}

export default {
  translate: ['value', customTranslate],
};
