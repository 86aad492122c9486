/**
 * Deadlines as the API sends them (/api/tasks/:key context, /api/deadlines): one definition for the
 * server that builds them and the client that shows them. Types only, no imports, so both builds take it.
 */
export type DeadlineStatus = 'ok' | 'soon' | 'overdue';

/** A deadline of a case as the task page and the register show it: date, legal source, nature, days left. */
export interface CaseDeadline {
  /** the process variable holding the date, e.g. scadenzaContestazione */
  variable: string;
  /** when it is missed (the instant the watching timer fires) */
  dueAt: string;
  /** the last useful day (dd of the legal term), when the workers computed it */
  lastDay?: string;
  kind?: string;
  nature?: 'perentorio' | 'ordinatorio';
  legalSource?: string;
  days?: number;
  startDate?: string;
  movedFrom?: string;
  movedBecause?: string;
  /** the element that waits on it, and what the diagram says happens when it passes */
  elementId?: string;
  siteName?: string;
  daysLeft: number;
  status: DeadlineStatus;
}

/** One line of the scadenzario. */
export interface RegisterEntry extends CaseDeadline {
  /** what the deadline is called, in Italian (the legal term's name, else the waiting step's), never its code */
  name: string;
  processInstanceKey: string;
  processDefinitionId: string;
  processName?: string;
  businessKey?: string;
  comune?: string;
}
