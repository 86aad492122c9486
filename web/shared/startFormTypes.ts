/** The start form of a procedure as GET /api/instances/start-forms sends it (built in web/server/instances/startForms.ts). */
export type StartField =
  | { name: string; type: 'text'; pattern: string; example: string }
  | { name: string; type: 'year' }
  /** one Comune: its ISTAT code as a string */
  | { name: string; type: 'comune' }
  /** several Comuni: `[{ codiceIstat, nome }]` as the multi-instance steps read them */
  | { name: string; type: 'comuni' };

export interface StartFormSummary {
  processDefinitionId: string;
  fields: StartField[];
}
