/**
 * Italian for the lint messages the modeler shows (problem list, shape overlays, properties panel).
 * bpmnlint:recommended rules have fixed texts; camunda-compat's are composed by @camunda/linting
 * (lib/utils/error-messages.js) from an element kind and property labels in <…>, so they are
 * matched by shape and their parts translated. A message we do not know stays English.
 */
import { italianElementType } from '../i18n/elementTypes.js';
import { toItalian } from '../i18n/index.js';

/** bpmnlint:recommended, by message */
const FIXED: Record<string, string> = {
  'Element is missing label/name': 'Manca l’etichetta (nome) dell’elemento',
  'Element is not connected': 'L’elemento non è collegato',
  'Sequence flow is missing condition': 'Manca la condizione del flusso di sequenza',
  'Process is missing end event': 'Il processo non ha un evento di fine',
  'Sub process is missing end event': 'Il sottoprocesso non ha un evento di fine',
  'Process is missing start event': 'Il processo non ha un evento di inizio',
  'Sub process is missing start event': 'Il sottoprocesso non ha un evento di inizio',
  'Process has multiple blank start events': 'Il processo ha più eventi di inizio generici',
  'Sub process has multiple blank start events': 'Il sottoprocesso ha più eventi di inizio generici',
  'An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>':
    'Un <Gateway basato su eventi> deve avere almeno 2 <Flussi di sequenza> in uscita',
  'A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional':
    'Un <Flusso di sequenza> in uscita da un <Gateway basato su eventi> non può essere condizionale',
  'Start event is missing event definition': 'L’evento di inizio non ha una definizione di evento',
  'Incoming flows do not join': 'I flussi in ingresso non si ricongiungono',
  'Element is missing name': 'L’elemento non ha un nome',
  'Element is unused': 'L’elemento non è usato',
  'Element name is not unique': 'Il nome dell’elemento non è univoco',
  'Link event is missing link name': 'L’evento link non ha un nome di link',
  'Element is missing bpmndi': 'L’elemento non ha la rappresentazione grafica (BPMNDI)',
  'SequenceFlow is a duplicate': 'Il flusso di sequenza è un duplicato',
  'Duplicate outgoing sequence flows': 'Flussi di sequenza in uscita duplicati',
  'Duplicate incoming sequence flows': 'Flussi di sequenza in ingresso duplicati',
  'Gateway forks and joins': 'Il gateway divide e ricongiunge insieme',
  'Flow splits implicitly': 'Il flusso si divide implicitamente (usa un gateway)',
  'Element is an implicit end': 'L’elemento è una fine implicita (manca un evento di fine)',
  'Element is an implicit start': 'L’elemento è un inizio implicito (manca un evento di inizio)',
  'Element overlaps with other element': 'L’elemento si sovrappone a un altro',
  'Element is outside of parent boundary': 'L’elemento esce dai bordi del contenitore',
  'Event has multiple event definitions': 'L’evento ha più definizioni di evento',
  'Start event must be blank': 'L’evento di inizio deve essere generico',
  'Gateway is superfluous. It only has one source and target.': 'Il gateway è superfluo: ha una sola origine e una sola destinazione.',
  'Sequence flow has superfluous label': 'Il flusso di sequenza ha un’etichetta superflua',
  'Termination is superfluous.': 'La terminazione è superflua.',
  // camunda-compat, as @camunda/linting words it
  'A <Process> must be <Executable>': 'Il <Processo> deve essere <Eseguibile>',
  'One <Process> must be <Executable>': 'Almeno un <Processo> deve essere <Eseguibile>',
  'Escalation code used in a catch event must be a static value':
    'Il codice di escalation di un evento che intercetta deve essere un valore statico',
  'Error code used in a catch event must be a static value': 'Il codice di errore di un evento che intercetta deve essere un valore statico',
  'Variable name must start with a letter or an underscore, and may contain only letters, digits, underscores, and dots.':
    'Il nome della variabile deve iniziare con una lettera o un trattino basso e contenere solo lettere, cifre, trattini bassi e punti.',
};

/** property labels in camunda-compat messages that the properties panel words differently */
const PROPERTIES: Record<string, string> = {
  'Task definition type': 'Tipo di job',
  'Message Reference': 'Riferimento al messaggio',
  'Error Reference': 'Riferimento all’errore',
  'Escalation Reference': 'Riferimento all’escalation',
  'Signal Reference': 'Riferimento al segnale',
  'Error code': 'Codice di errore',
  'Escalation code': 'Codice di escalation',
  'Multi-instance marker': 'Multi-istanza',
  'Timer type': 'Tipo di timer',
  'Timer value': 'Valore del timer',
  'Time cycle': 'Ciclo',
  'Time date': 'Data',
  'Time duration': 'Durata',
  'Form type': 'Tipo di form',
  'External reference': 'Riferimento esterno',
  'Called decision ID': 'ID della decisione chiamata',
  'Job Priority': 'Priorità del job',
  'User Task Form': 'Form dello user task',
  'Execution Listeners': 'Execution listener',
  'Execution listener': 'Execution listener',
  'Event Type': 'Tipo di evento',
  'Custom form key': 'Chiave di form personalizzata',
  'Binding': 'Binding',
};

const MUST_BE: Record<string, string> = {
  'an expression, an ISO 8601 repeating interval, or a cron expression':
    'un’espressione, un intervallo ripetuto ISO 8601 o un’espressione cron',
  'an expression, or an ISO 8601 date': 'un’espressione o una data ISO 8601',
  'an expression, or an ISO 8601 interval': 'un’espressione o una durata ISO 8601',
  'an ISO 8601 date': 'una data ISO 8601',
  'an expression, or an integer between 0 and 100': 'un’espressione o un intero tra 0 e 100',
};

/** "Implementation: Job worker" → "Implementazione: Job worker" */
function label(english: string): string {
  return english
    .split(': ')
    .map((part) => PROPERTIES[part] ?? italianElementType(part) ?? toItalian(part) ?? part)
    .join(': ');
}

/** "<Service Task> with <Implementation: Job worker>" and the like, each <…> translated */
function parts(english: string): string {
  return english
    .replace(/^(?:An?|One) (?=<)/, '')
    .replace(/^A collapsed <([^>]+)>/, (_, t: string) => `<${label(t)}> compresso`)
    .replace(/<([^>]+)>/g, (_, t: string) => `<${label(t)}>`)
    .replace(/ with a /g, ' con un ')
    .replace(/ with /g, ' con ')
    .replace(/ disabled\b/g, ' disattivato');
}

const PATTERNS: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^Element type <([^>]+)> is discouraged$/, (t) => `Il tipo di elemento <${t}> è sconsigliato`],
  [/^(.+) is not allowed in (<[^>]+>)$/, (a, b) => `${parts(a)} non è ammesso in ${parts(b)}`],
  [/^Link catch event with link name <(.+)> missing in scope$/, (n) => `Manca l’evento link di attesa con nome <${n}>`],
  [/^Link throw event with link name <(.+)> missing in scope$/, (n) => `Manca l’evento link di lancio con nome <${n}>`],
  [/^Duplicate link catch event with link name <(.+)> in scope$/, (n) => `Evento link di attesa con nome <${n}> duplicato`],
  [/^(.+) must have a defined (<[^>]+>) or be the default (<[^>]+>)$/, (a, x, f) => `${parts(a)} deve definire ${parts(x)} oppure essere il ${parts(f)} predefinito`],
  [/^(.+) must have a (?:defined )?(<[^>]+>)$/, (a, x) => `${parts(a)} deve definire ${parts(x)}`],
  [/^(.+) should have a defined (<[^>]+>)$/, (a, x) => `${parts(a)} dovrebbe definire ${parts(x)}`],
  [/^(.+) must have a unique (<[^>]+>)$/, (a, x) => `${parts(a)} deve avere un ${parts(x)} univoco`],
  [/^(.+) is only supported by (.+) or newer$/, (a, p) => `${parts(a)}: supportato solo da ${p} o versioni successive`],
  [/^(.+) is not supported by (.+)$/, (a, p) => `${parts(a)}: non supportato da ${p}`],
  [/^(.+) is not supported$/, (a) => `${parts(a)}: non supportato`],
  [/^(.+) is only supported if the source is an (<[^>]+>) or (<[^>]+>)$/, (a, g1, g2) => `${parts(a)}: ammesso solo se l’origine è un ${parts(g1)} o un ${parts(g2)}`],
  [/^(.+) is not allowed on an? (<[^>]+>)$/, (a, b) => `${parts(a)} non è ammesso su ${parts(b)}`],
  [/^(.+) cannot be the target of an? (<[^>]+>)$/, (a, b) => `${parts(a)} non può essere la destinazione di un ${parts(b)}`],
  [/^(.+) managed by Camunda is deprecated\. Consider migrating to (<[^>]+>)\.$/, (a, b) => `${parts(a)} gestito da Camunda è deprecato: valuta il passaggio a ${parts(b)}.`],
  [/^(.+) managed by Camunda is not supported\. Migrate to (<[^>]+>)\.$/, (a, b) => `${parts(a)} gestito da Camunda non è supportato: passa a ${parts(b)}.`],
  [/^(An? <[^>]+>) (<[^>]+>) must be (.+)$/, (a, p, rest) => (MUST_BE[rest] ? `${parts(a)}: ${parts(p)} deve essere ${MUST_BE[rest]}` : '')],
  [/^A <Process> is not allowed to contain a straight-through processing loop: (.+)$/, (l) => `Un <Processo> non può contenere un ciclo senza stati di attesa: ${l}`],
  [/^Property <(.+)> is not a valid FEEL expression$/, (p) => `La proprietà <${p}> non è un’espressione FEEL valida`],
  [/^Expression statement <(.+)> not supported$/, (e) => `L’espressione <${e}> non è supportata`],
];

/** The Italian for a lint message, or undefined when we have none. */
export function italianLintMessage(message: string): string | undefined {
  if (Object.hasOwn(FIXED, message)) return FIXED[message];
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return build(...match.slice(1)) || undefined;
  }
  return undefined;
}

/** The report as the page's language shows it; English reports are returned as they are. */
export function localizeReport<R extends { message: string }>(report: R, lang: 'it' | 'en'): R {
  if (lang !== 'it') return report;
  const message = italianLintMessage(report.message);
  // <…> marks a term in the libraries' English; Italian quotes with «…»
  return message ? { ...report, message: message.replace(/<([^<>]+)>/g, '«$1»') } : report;
}
