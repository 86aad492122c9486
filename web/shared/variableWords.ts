/**
 * A process variable's name in words, where users read it ("scadenzaContestazione" → "Scadenza contestazione"),
 * never the bare code. No imports, so the server and the client build both take it.
 */
export function variableWords(variable: string): string {
  const words = variable
    .replace(/[_-]+/g, ' ')
    .replace(/([a-zà-ù0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
