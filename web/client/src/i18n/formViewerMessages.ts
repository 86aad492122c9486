/**
 * The words form-js-viewer writes into our forms by itself (not the labels of our .form files, which
 * are Italian already). form-js has no translation hook, so `formViewerEn` is the library's own English,
 * copied exactly from @bpmn-io/form-js-viewer 1.23 (dist/index.es.js): the localiser recognises a text
 * by it and puts `formViewerIt` in its place. `{name}` stands for a number or value the library fills in.
 * Limited to the field types our forms use: select, dynamiclist, datetime, checkbox, radio, number,
 * textfield, textarea, text. After upgrading form-js, check these strings against its dist.
 */
export const formViewerEn = {
  'formViewer.select.placeholder': 'Select',
  'formViewer.select.search': 'Search',
  'formViewer.select.noResults': 'No results',
  'formViewer.list.add': 'Add new',
  'formViewer.list.remove': 'Remove list item {index}',
  'formViewer.list.expandAll': 'Expand all ({count})',
  'formViewer.list.collapse': 'Collapse',
  'formViewer.number.increment': 'Increment',
  'formViewer.number.decrement': 'Decrement',
  'formViewer.error.required': 'Field is required.',
  'formViewer.error.minValue': 'Field must have minimum value of {min}.',
  'formViewer.error.maxValue': 'Field must have maximum value of {max}.',
  'formViewer.error.minLength': 'Field must have minimum length of {min}.',
  'formViewer.error.maxLength': 'Field must have maximum length of {max}.',
  'formViewer.error.email': 'Field must be a valid email.',
  'formViewer.error.phone': 'Field must be a valid  international phone number. (e.g. +4930664040900)',
  'formViewer.error.pattern': 'Field must match pattern {pattern}.',
  'formViewer.error.notANumber': 'Value is not a number.',
  'formViewer.error.integer': 'Value is expected to be an integer.',
  'formViewer.error.decimalDigit': 'Value is expected to have at most {digits} decimal digit.',
  'formViewer.error.decimalDigits': 'Value is expected to have at most {digits} decimal digits.',
  'formViewer.error.increment': 'Please select a valid value, the two nearest valid values are {below} and {above}.',
  'formViewer.error.dateAndTime': 'Date and time must both be entered.',
  // Not the library's: a date+time field's error naming the half that is missing (forms/dateTimeErrors.ts).
  'formViewer.error.missingTime': 'Enter the time too.',
  'formViewer.error.missingDate': 'Enter the date too.',
  // Not the library's: the hint for the date format we set on Italian pages (see localiseCalendar.ts).
  'formViewer.date.hint': 'dd/mm/yyyy',
  // flatpickr's Italian locale has no words for these labels of its month and year controls.
  'formViewer.calendar.year': 'Year',
  'formViewer.calendar.month': 'Month',
  'formViewer.calendar.hour': 'Hour',
  'formViewer.calendar.minute': 'Minute',
};

export type FormViewerMessageKey = keyof typeof formViewerEn;

export const formViewerIt: Record<FormViewerMessageKey, string> = {
  'formViewer.select.placeholder': 'Seleziona',
  'formViewer.select.search': 'Cerca',
  'formViewer.select.noResults': 'Nessun risultato',
  'formViewer.list.add': 'Aggiungi',
  'formViewer.list.remove': 'Rimuovi la voce {index} dell’elenco',
  'formViewer.list.expandAll': 'Mostra tutte ({count})',
  'formViewer.list.collapse': 'Comprimi',
  'formViewer.number.increment': 'Aumenta',
  'formViewer.number.decrement': 'Diminuisci',
  'formViewer.error.required': 'Campo obbligatorio.',
  'formViewer.error.minValue': 'Il valore minimo ammesso è {min}.',
  'formViewer.error.maxValue': 'Il valore massimo ammesso è {max}.',
  'formViewer.error.minLength': 'Inserisci almeno {min} caratteri.',
  'formViewer.error.maxLength': 'Inserisci al massimo {max} caratteri.',
  'formViewer.error.email': 'Inserisci un indirizzo email valido.',
  'formViewer.error.phone': 'Inserisci un numero di telefono internazionale valido (ad es. +390395975111).',
  'formViewer.error.pattern': 'Il valore non rispetta il formato richiesto ({pattern}).',
  'formViewer.error.notANumber': 'Il valore non è un numero.',
  'formViewer.error.integer': 'Il valore deve essere un numero intero.',
  'formViewer.error.decimalDigit': 'Il valore può avere al massimo {digits} cifra decimale.',
  'formViewer.error.decimalDigits': 'Il valore può avere al massimo {digits} cifre decimali.',
  'formViewer.error.increment': 'Scegli un valore ammesso: i due più vicini sono {below} e {above}.',
  'formViewer.error.dateAndTime': 'Inserisci sia la data sia l’ora.',
  'formViewer.error.missingTime': 'Indica anche l’ora.',
  'formViewer.error.missingDate': 'Indica anche la data.',
  'formViewer.date.hint': 'gg/mm/aaaa',
  'formViewer.calendar.year': 'Anno',
  'formViewer.calendar.month': 'Mese',
  'formViewer.calendar.hour': 'Ora',
  'formViewer.calendar.minute': 'Minuti',
};
