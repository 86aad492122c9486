import { hasRole, type UserAccess } from '../auth/roles.js';
import type { EngineClient, ProcessDefinitionSummary } from '../engine/EngineClient.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { findResumeSteps, type ResumeStep } from './resumeSteps.js';
import { mayStart, type StartForm } from './startForms.js';

/**
 * Cases already under way on paper when a Provincia adopts the system are entered at the step they
 * have reached. Only the Provincia (and administrators) do it: it skips the steps before, so it is
 * their word, with a note, that the paper case stands there.
 */
export function mayResume(user: UserAccess, form: StartForm): boolean {
  return hasRole(user, 'provincia', 'admin') && mayStart(user, form);
}

export function ensureMayResume(user: UserAccess, form: StartForm): void {
  if (!mayResume(user, form)) throw forbidden('Il tuo ruolo non consente di riprendere una pratica avviata su carta.');
}

const MAX_NOTE = 2000;

export interface ResumeRequest {
  elementId: string;
  note: string;
}

/** The `resume` part of a start request, its shape checked; the step is checked against the diagram later. */
export function readResumeRequest(input: unknown): ResumeRequest {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('INVALID_RESUME', 'Indica il passo da cui riprendere la pratica e una nota.');
  const { elementId, note } = input as { elementId?: unknown; note?: unknown };
  if (typeof elementId !== 'string' || elementId.trim() === '') {
    throw badRequest('MISSING_RESUME_STEP', 'Indica il passo da cui riprendere la pratica.', { field: 'resumeElementId' });
  }
  const text = typeof note === 'string' ? note.trim() : '';
  if (text === '') throw badRequest('MISSING_RESUME_NOTE', 'La nota su dove si trova la pratica cartacea è obbligatoria.', { field: 'resumeNote' });
  if (text.length > MAX_NOTE) throw badRequest('INVALID_RESUME_NOTE', `La nota supera i ${MAX_NOTE} caratteri.`, { field: 'resumeNote' });
  return { elementId: elementId.trim(), note: text };
}

/** The latest deployed version of a procedure (the one a start by id creates) and the steps it may be resumed at. */
export async function resumeStepsOf(engine: EngineClient, processDefinitionId: string): Promise<{ definition: ProcessDefinitionSummary; steps: ResumeStep[] }> {
  const deployed = await engine.searchProcessDefinitions({ processDefinitionId });
  const definition = deployed.reduce<ProcessDefinitionSummary | undefined>((latest, d) => (!latest || d.version > latest.version ? d : latest), undefined);
  if (!definition) throw notFound(`Il procedimento ${processDefinitionId} non è rilasciato.`);
  const xml = await engine.getProcessDefinitionXml(definition.processDefinitionKey);
  if (!xml) throw notFound(`Il diagramma del procedimento ${processDefinitionId} non è disponibile.`);
  return { definition, steps: await findResumeSteps(xml, processDefinitionId) };
}

/** The step named by the request, if the diagram offers it; refused with 400 otherwise, before anything starts. */
export function resumeStepNamed(steps: ResumeStep[], elementId: string): ResumeStep {
  const step = steps.find((s) => s.elementId === elementId);
  if (!step) {
    throw badRequest(
      'INVALID_RESUME_STEP',
      `Non si può riprendere la pratica dal passo «${elementId}»: non è un passo di questo procedimento da cui iniziare (Step '${elementId}' is not a step this procedure can be resumed at).`,
      { field: 'resumeElementId' },
    );
  }
  return step;
}
