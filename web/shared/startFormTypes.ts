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

/** A start form as offered to one user. */
export interface StartFormOffer extends StartFormSummary {
  /** the user may also resume a case begun on paper at a later step (Provincia staff and administrators) */
  mayResume: boolean;
}

/** A step a case begun on paper may be resumed at (GET /api/instances/start-forms/:processDefinitionId/resume-steps). */
export interface ResumeStep {
  elementId: string;
  name: string;
  /** the names of the sub-processes that hold it, outermost first */
  within?: string;
}
