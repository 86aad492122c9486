/**
 * The case file (fascicolo) as /api/cases sends it: one definition for the server that builds it and the
 * client that shows it. Types only, no imports but other type files, so both builds take it.
 */
import type { CaseDeadline } from './deadlineTypes.js';

export type CaseState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/** A person or office the case concerns, in words (the employee, the candidates, the Comune). */
export interface CaseParty {
  /** e.g. "Dipendente", "Comune", "Candidati" */
  role: string;
  /** e.g. "matricola M-7 · RSSMRA80A01F704X" */
  name: string;
}

/** One line of the Pratiche list. */
export interface CaseListItem {
  caseNumber?: string;
  /** the root instance: the case page of a case without a number is opened by it */
  processInstanceKey: string;
  processDefinitionId: string;
  procedure: string;
  state: CaseState;
  hasIncident: boolean;
  startDate?: string;
  endDate?: string;
  comuni: Array<{ codiceIstat: string; nome?: string }>;
  parties: CaseParty[];
  /** what the search text matched, in words, when it was not the case number */
  matchedOn?: string;
}

export interface CaseListPage {
  items: CaseListItem[];
  /** every match across the pages */
  total: number;
  page: number;
  pageSize: number;
}

/** A sub-case (a called process: contestazione, istruttoria...) and the ones it called in turn. */
export interface SubCase {
  processInstanceKey: string;
  processDefinitionId: string;
  procedure: string;
  state: CaseState;
  hasIncident: boolean;
  startDate?: string;
  endDate?: string;
  /** the call activity of the caller that started it */
  callActivityId?: string;
  callActivityName?: string;
  children: SubCase[];
}

/** Who must act now, and how. */
export type NextStep =
  | {
      kind: 'task';
      userTaskKey: string;
      name: string;
      /** the sub-case it belongs to, when not the case itself */
      phase?: string;
      assignee?: string;
      candidateGroups: string[];
      candidateUsers: string[];
      dueDate?: string;
      /** the signed-in user may work it */
      mine: boolean;
    }
  | {
      kind: 'message';
      /** case message id (POST /api/instances/:key/messages/:id) */
      messageId: string;
      label: string;
      /** the instance the message is posted to: the root case */
      processInstanceKey: string;
      /** who may deliver it, in words */
      who: string;
      mayDeliver: boolean;
      /** may come at any time (a boundary message: the employee's cessazione, a transfer), not awaited as the next step */
      optional: boolean;
    }
  | { kind: 'automatic'; name: string; phase?: string }
  | { kind: 'waiting'; name: string; phase?: string }
  | { kind: 'incident'; name: string; message: string; phase?: string }
  | { kind: 'closed'; state: CaseState; outcome?: string };

export interface CaseTimelineEntry {
  seq: number;
  at: string;
  action: string;
  /** who, in words: a username, "Sistema", "Motore di processo" */
  who: string;
  /** what, in words: the task, the document, the deadline */
  what?: string;
  legalRule?: string;
}

export interface CaseDocumentEntry {
  sha256: string;
  name: string;
  kind: string;
  createdAt: string;
  /** GET it here */
  href: string;
}

/** One field of the case data: the form's Italian label and the value as Italian text. */
export interface CaseDataField {
  key: string;
  label: string;
  value: string;
  /** the rows of a list, each as "Label: value; Label: value" */
  items?: string[];
}

/** The diagram of the phase the case is in, with what the viewer needs to draw its state. */
export interface CaseDiagram {
  processInstanceKey: string;
  processDefinitionKey: string;
  procedure: string;
  flows: string[];
  elements: Array<{ elementId: string; active: number; completed: number; canceled: number; incidents: number }>;
  /** where to zoom: the active elements, else the end reached */
  focusElementIds: string[];
  /** call activities of this diagram that started a sub-case, and that sub-case */
  calledInstances: Array<{ callActivityId: string; processInstanceKey: string }>;
}

export interface CaseFile {
  caseNumber?: string;
  /** the instance this page shows: the case, or one of its sub-cases */
  processInstanceKey: string;
  rootProcessInstanceKey: string;
  /** the caller, when this is a sub-case */
  parent?: { processInstanceKey: string; procedure: string };
  /** other root instances carrying the same number (e.g. a case closed and opened again) */
  otherInstances: Array<{ processInstanceKey: string; state: CaseState; startDate?: string }>;
  summary: {
    procedure: string;
    processDefinitionId: string;
    state: CaseState;
    hasIncident: boolean;
    /** where the case is, in words ("Contestazione d'addebito › Redigi la contestazione") */
    phase: string;
    startDate?: string;
    endDate?: string;
    comuni: Array<{ codiceIstat: string; nome?: string }>;
    parties: CaseParty[];
  };
  nextSteps: NextStep[];
  deadlines: CaseDeadline[];
  timeline: CaseTimelineEntry[];
  documents: CaseDocumentEntry[];
  subCases: SubCase[];
  data: CaseDataField[];
  diagram: CaseDiagram;
  /** the page's own instance's diagram, when the phase shown is one of its sub-cases (its call activities open them) */
  overview?: CaseDiagram;
  /** the signed-in user may use the operator actions (Provincia staff, administrators) */
  mayOperate: boolean;
}
