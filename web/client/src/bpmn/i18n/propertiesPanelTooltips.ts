/**
 * The properties panel's help texts (group and field tooltips, field descriptions). The libraries
 * build each tooltip from fragments around example code and a "Learn more." link, so the keys are
 * those fragments, with their trailing spaces; the links still lead to Camunda's English docs.
 */
export const propertiesPanelTooltips: Record<string, string> = {
  'Learn more.': 'Per saperne di più.',
  ' or ': ' oppure ',
  ', ': ', ',
  '). ': '). ',
  // group tooltips
  'Specify which job workers handle the task work to execute a service (e.g. ':
    'Indica quali job worker svolgono il lavoro del task eseguendo un servizio (ad es. ',
  'Specify which job workers handle the task work to send a message (e.g. ':
    'Indica quali job worker svolgono il lavoro del task inviando un messaggio (ad es. ',
  'Specify which job workers handle the task work to execute a script. ':
    'Indica quali job worker svolgono il lavoro del task eseguendo uno script. ',
  'Specify which job workers handle the task work to evaluate business rules. ':
    'Indica quali job worker svolgono il lavoro del task valutando regole di business. ',
  'Specify which job workers handle the event work. ': 'Indica quali job worker svolgono il lavoro dell’evento. ',
  'Add input mappings to control what is passed to the activity as local variables. ':
    'Aggiungi mappature di input per decidere che cosa passa all’attività come variabili locali. ',
  'Add output mappings to control which variables are merged back into the process scope. ':
    'Aggiungi mappature di output per decidere quali variabili tornano nello scope del processo. ',
  'Define static metadata passed to job workers alongside each job. Headers are not evaluated by the engine — use them for fixed worker configuration (e.g. ':
    'Definisci metadati statici passati ai job worker con ogni job. Il motore non valuta gli header: usali per la configurazione fissa del worker (ad es. ',
  'Define the assignment, schedule, and priority of the user task. Assignee, candidate groups, and candidate users can be combined. Use due date and follow-up date to express deadlines and urgency. ':
    'Definisci assegnazione, pianificazione e priorità dello user task. Assegnatario, gruppi candidati e utenti candidati si possono combinare. Usa la data di scadenza e la data di follow-up per esprimere termini e urgenza. ',
  'Link or embed a form created with the Camunda Forms editor. To associate a custom form, application, or URL to the user task, specify a form key. ':
    'Collega o incorpora un form creato con l’editor di Camunda Forms. Per associare allo user task un form, un’applicazione o un URL propri, indica una chiave di form. ',
  'Link a form created with the Camunda Forms editor. To associate a custom form, application, or URL to the user task, specify an external reference. ':
    'Collega un form creato con l’editor di Camunda Forms. Per associare allo user task un form, un’applicazione o un URL propri, indica un riferimento esterno. ',
  'Link a form created with the Camunda Forms editor. Submitting this form will start a new process instance. ':
    'Collega un form creato con l’editor di Camunda Forms. Inviare questo form avvia una nuova istanza di processo. ',
  'Implement a user task managed by Camunda. To add a custom implementation, use a job worker. ':
    'Implementa uno user task gestito da Camunda. Per un’implementazione propria usa un job worker. ',
  'Implement a script task using an inline FEEL expression. To add a custom implementation, use a job worker. ':
    'Implementa uno script task con un’espressione FEEL in linea. Per un’implementazione propria usa un job worker. ',
  'Evaluate a business rule, for example a DMN decision. To add a custom implementation, use a job worker. ':
    'Valuta una regola di business, ad esempio una decisione DMN. Per un’implementazione propria usa un job worker. ',
  'Define the decision to evaluate and how to map back the evaluation result. ':
    'Definisci la decisione da valutare e come riportare il risultato della valutazione. ',
  'Define the FEEL expression to evaluate and the variable to store the result in. ':
    'Definisci l’espressione FEEL da valutare e la variabile in cui salvare il risultato. ',
  'Define the ID of the process to call (e.g. ': 'Definisci l’ID del processo da chiamare (ad es. ',
  'Control which variables from the called process are merged back into the parent scope. By default, all child variables are propagated; use output mappings to selectively return specific variables. ':
    'Decidi quali variabili del processo chiamato tornano nello scope del padre. Per impostazione predefinita si propagano tutte le variabili del figlio; usa le mappature di output per restituirne solo alcune. ',
  'Control the business ID set on a child process. If left empty, no business ID will be set. ':
    'Decidi l’ID di business del processo figlio. Se lasciato vuoto, non viene impostato alcun ID di business. ',
  'Configure the message that will start this process instance. ': 'Configura il messaggio che avvia questa istanza di processo. ',
  'Configure the message that this event waits for. ': 'Configura il messaggio che questo evento attende. ',
  'Configure the message that the task waits for. ': 'Configura il messaggio che il task attende. ',
  'Configure the message that will trigger this boundary event. ': 'Configura il messaggio che attiva questo evento di bordo. ',
  'Identifier computed from the process context that is used to correlate an incoming message (e.g. ':
    'Identificativo calcolato dal contesto del processo per correlare un messaggio in arrivo (ad es. ',
  'Define the error to catch. Specify an error code (e.g. ': 'Definisci l’errore da intercettare. Indica un codice di errore (ad es. ',
  ') to match a specific error, or leave empty to catch any error. ':
    ') per intercettare un errore preciso, oppure lascialo vuoto per intercettare qualsiasi errore. ',
  'Define the error to throw. Specify an error code (e.g. ': 'Definisci l’errore da lanciare. Indica un codice di errore (ad es. ',
  ') to identify the error. ': ') che identifica l’errore. ',
  'Define the name of the variable that will contain the error code.': 'Nome della variabile che conterrà il codice di errore.',
  'Define the name of the variable that will contain the error message.': 'Nome della variabile che conterrà il messaggio di errore.',
  'Define the name of the variable that will contain the escalation code.': 'Nome della variabile che conterrà il codice di escalation.',
  'Define a boolean condition expression that determines when this sequence flow is taken. ':
    'Definisci un’espressione booleana che stabilisce quando si percorre questo flusso di sequenza. ',
  'Specify the condition that triggers this event. ': 'Indica la condizione che attiva questo evento. ',
  'A FEEL expression that determines whether the event should trigger. ': 'Un’espressione FEEL che stabilisce se l’evento si attiva. ',
  'Variable events that trigger the condition evaluation. If none selected, all variable events will trigger the condition evaluation. ':
    'Eventi sulle variabili che fanno valutare la condizione. Se non ne scegli nessuno, la valutano tutti. ',
  'Execute this task for each element of a given collection. ': 'Esegui questo task per ogni elemento di una collezione. ',
  'Define an input collection expression that defines the collection to iterate over (e.g. ':
    'Definisci un’espressione per la collezione di input su cui iterare (ad es. ',
  'To collect the output define the output collection and the output element expressions. ':
    'Per raccogliere l’output definisci la collezione di output e l’espressione dell’elemento di output. ',
  'Add custom logic that reacts to various events in the workflow execution life-cycle. ':
    'Aggiungi logica propria che reagisce agli eventi del ciclo di vita dell’esecuzione. ',
  'React to user task lifecycle events by executing a job worker. ': 'Reagisci agli eventi del ciclo di vita dello user task eseguendo un job worker. ',
  'Add custom key-value metadata to this element. Extension properties have no effect on process execution — they can be used to attach configuration visible for other consumers of the BPMN diagram. ':
    'Aggiungi metadati chiave-valore a questo elemento. Le proprietà di estensione non influiscono sull’esecuzione del processo: servono ad allegare configurazione visibile ad altri utilizzatori del diagramma BPMN. ',
  'Define a collection of elements which will be activated when the ad-hoc subprocess is reached. ':
    'Definisci la collezione degli elementi da attivare quando si raggiunge il sottoprocesso ad hoc. ',
  'Define the completion behavior of an ad-hoc subprocess. If no completion condition is set, it will be completed after all active elements have been completed. ':
    'Definisci come si completa un sottoprocesso ad hoc. Senza condizione di completamento termina quando sono completati tutti gli elementi attivi. ',
  // field descriptions and tooltips
  'Specifies the priority of a job. Must be an integer. If no value is provided, the default value is 0. ':
    'Priorità del job. Deve essere un intero. Se manca vale 0. ',
  'Specifies the default priority for all jobs created by a process. Must be an integer. If no value is provided, the default value is 0. ':
    'Priorità predefinita di tutti i job creati dal processo. Deve essere un intero. Se manca vale 0. ',
  'Specifies the priority of a user task. Must be an integer between 0 and 100. If no value is provided, the default value is 50. ':
    'Priorità dello user task. Deve essere un intero tra 0 e 100. Se manca vale 50. ',
  'Specify more than one group as a comma separated list.': 'Per più gruppi, separali con una virgola.',
  'Specify more than one user as a comma separated list.': 'Per più utenti, separali con una virgola.',
  'The number of times the engine tries executing this activity if a worker signals a failure. The default is three.':
    'Quante volte il motore riprova questa attività se un worker segnala un errore. Il valore predefinito è tre.',
  'A specific point in time defined as ISO 8601 combined date and time representation.':
    'Un istante preciso, come data e ora ISO 8601.',
  'A time duration defined as ISO 8601 durations format.': 'Una durata nel formato delle durate ISO 8601.',
  'A cycle defined as ISO 8601 repeating intervals format, or a cron expression.':
    'Un ciclo nel formato degli intervalli ripetuti ISO 8601, oppure un’espressione cron.',
  'A cycle defined as ISO 8601 repeating intervals format.': 'Un ciclo nel formato degli intervalli ripetuti ISO 8601.',
  'If turned on, all variables from the parent process instance will be propagated to the child process instance.':
    'Se attivo, tutte le variabili dell’istanza del processo padre passano all’istanza del processo figlio.',
  'Otherwise, only variables defined via input mappings will be propagated.':
    'Altrimenti passano solo le variabili definite dalle mappature di input.',
  'If turned on, all variables from the child process instance will be propagated to the parent process instance.':
    'Se attivo, tutte le variabili dell’istanza del processo figlio passano all’istanza del processo padre.',
  'Otherwise, only variables defined via output mappings will be propagated.':
    'Altrimenti passano solo le variabili definite dalle mappature di output.',
  'Uses the most recent deployed resource.': 'Usa la risorsa rilasciata più di recente.',
  'Uses the resource found in the same deployment.': 'Usa la risorsa dello stesso deployment.',
  'Uses the most recent deployed resource with the given version tag.': 'Usa la risorsa rilasciata più di recente con il version tag indicato.',
  'Version tag by which the called process will be referenced.': 'Version tag con cui si fa riferimento al processo chiamato.',
  'Version tag by which the called decision will be referenced.': 'Version tag con cui si fa riferimento alla decisione chiamata.',
  'Version tag by which the linked form will be referenced.': 'Version tag con cui si fa riferimento al form collegato.',
  'Version tag by which this process can be referenced.': 'Version tag con cui si può fare riferimento a questo processo.',
  'Implement the ad-hoc subprocess as a job worker instead of activating inner elements. The job type determines which worker handles the subprocess execution. ':
    'Implementa il sottoprocesso ad hoc con un job worker invece di attivarne gli elementi interni. Il tipo di job stabilisce quale worker lo esegue. ',
  'Define how to collect the outputs of the ad-hoc subprocess. The output collection variable stores the list of results; the output element expression defines what each element contributes. ':
    'Definisci come raccogliere gli output del sottoprocesso ad hoc. La variabile della collezione di output conserva la lista dei risultati; l’espressione dell’elemento di output dice che cosa aggiunge ogni elemento. ',
  'Specify more than one variable change event as a comma separated list. Variable change events are:':
    'Per più eventi di modifica delle variabili, separali con una virgola. Gli eventi sono:',
  // documentation link titles
  'Service task documentation': 'Documentazione del service task',
  'Send task documentation': 'Documentazione del send task',
  'Script task documentation': 'Documentazione dello script task',
  'Business rule task documentation': 'Documentazione del business rule task',
  'User task documentation': 'Documentazione dello user task',
  'User task form documentation': 'Documentazione del form dello user task',
  'User task priority documentation': 'Documentazione della priorità dello user task',
  'Start event form documentation': 'Documentazione del form dell’evento di inizio',
  'Call activity documentation': 'Documentazione della call activity',
  'Called decision documentation': 'Documentazione della decisione chiamata',
  'Input mappings documentation': 'Documentazione delle mappature di input',
  'Output mappings documentation': 'Documentazione delle mappature di output',
  'Task headers documentation': 'Documentazione degli header del task',
  'Job priority documentation': 'Documentazione della priorità del job',
  'Execution listeners documentation': 'Documentazione degli execution listener',
  'Task listeners documentation': 'Documentazione dei task listener',
  'Multi instance documentation': 'Documentazione della multi-istanza',
  'Message start event documentation': 'Documentazione dell’evento di inizio messaggio',
  'Message catch event documentation': 'Documentazione dell’evento intermedio messaggio',
  'Message throw event documentation': 'Documentazione dell’evento di lancio messaggio',
  'Message boundary event documentation': 'Documentazione dell’evento di bordo messaggio',
  'Receive task message documentation': 'Documentazione del messaggio del receive task',
  'Subscription correlation key documentation': 'Documentazione della chiave di correlazione',
  'Error event documentation': 'Documentazione degli eventi di errore',
  'Timer documentation': 'Documentazione dei timer',
  'Documentation: Timer events': 'Documentazione: eventi timer',
  'Conditional event documentation': 'Documentazione degli eventi condizionali',
  'Conditions documentation': 'Documentazione delle condizioni',
  'Documentation: Variable events': 'Documentazione: eventi sulle variabili',
  'Learn how to define conditions.': 'Come definire le condizioni.',
  'About conditional events.': 'Sugli eventi condizionali.',
  'Business ID propagation documentation': 'Documentazione della propagazione dell’ID di business',
  'Ad-hoc subprocess documentation': 'Documentazione del sottoprocesso ad hoc',
};
