/**
 * Italian names of BPMN element kinds, from the English ones bpmn-js-properties-panel shows in its
 * header ("Timer Boundary Event (Non Interrupting)") and @camunda/linting puts in its messages
 * ("Message Intermediate Catch Event", "Undefined Task"). Built from parts, as both libraries build
 * the English, so every event/definition combination is covered.
 */
const KINDS: Record<string, string> = {
  Task: 'Attività',
  'Undefined Task': 'Attività',
  'Service Task': 'Service task',
  'User Task': 'User task',
  'Send Task': 'Send task',
  'Receive Task': 'Receive task',
  'Script Task': 'Script task',
  'Business Rule Task': 'Business rule task',
  'Manual Task': 'Attività manuale',
  'Call Activity': 'Call activity',
  'Sub Process': 'Sottoprocesso',
  'Expanded Sub Process': 'Sottoprocesso espanso',
  'Collapsed Sub Process': 'Sottoprocesso compresso',
  'Event Sub Process': 'Sottoprocesso di evento',
  'Ad Hoc Sub Process': 'Sottoprocesso ad hoc',
  'Expanded Ad Hoc Sub Process': 'Sottoprocesso ad hoc espanso',
  'Collapsed Ad Hoc Sub Process': 'Sottoprocesso ad hoc compresso',
  Transaction: 'Transazione',
  'Exclusive Gateway': 'Gateway esclusivo',
  'Parallel Gateway': 'Gateway parallelo',
  'Inclusive Gateway': 'Gateway inclusivo',
  'Event Based Gateway': 'Gateway basato su eventi',
  'Event-based Gateway': 'Gateway basato su eventi',
  'Event-Based Gateway': 'Gateway basato su eventi',
  'Complex Gateway': 'Gateway complesso',
  'Sequence Flow': 'Flusso di sequenza',
  'Sequence Flows': 'Flussi di sequenza',
  'Default Flow': 'Flusso predefinito',
  'Conditional Flow': 'Flusso condizionale',
  'Message Flow': 'Flusso di messaggi',
  Process: 'Processo',
  Participant: 'Partecipante',
  Collaboration: 'Collaborazione',
  Lane: 'Corsia',
  'Text Annotation': 'Annotazione',
  Group: 'Gruppo',
  'Data Object Reference': 'Oggetto dati',
  'Data Store Reference': 'Archivio dati',
  'Data Input': 'Input di dati',
  'Data Output': 'Output di dati',
  Association: 'Associazione',
  'Data Input Association': 'Associazione di input dati',
  'Data Output Association': 'Associazione di output dati',
};

const EVENTS: Record<string, string> = {
  'Start Event': 'Evento di inizio',
  'End Event': 'Evento di fine',
  'Intermediate Catch Event': 'Evento intermedio di attesa',
  'Intermediate Throw Event': 'Evento intermedio di lancio',
  'Boundary Event': 'Evento di bordo',
};

/** the event definition, as a qualifier after the event's name ("Evento di inizio timer") */
const DEFINITIONS: Record<string, string> = {
  Undefined: '',
  Message: 'messaggio',
  Timer: 'timer',
  Error: 'errore',
  Escalation: 'escalation',
  Signal: 'segnale',
  Conditional: 'condizionale',
  Compensate: 'compensazione',
  Cancel: 'annullamento',
  Link: 'link',
  Terminate: 'terminazione',
};

const EVENT_PATTERN = new RegExp(
  `^(?:(${Object.keys(DEFINITIONS).join('|')}) )?(${Object.keys(EVENTS).join('|')})(?: \\((Non Interrupting)\\))?$`,
);

/** The Italian name of an English element kind, or undefined if it is not one. */
export function italianElementType(english: string): string | undefined {
  if (KINDS[english]) return KINDS[english];
  const event = EVENT_PATTERN.exec(english);
  if (!event) return undefined;
  const [, definition, kind, nonInterrupting] = event;
  const qualifier = definition ? DEFINITIONS[definition] : '';
  return [EVENTS[kind], qualifier, nonInterrupting ? '(non interrompente)' : ''].filter(Boolean).join(' ');
}
