import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { ResumeStep } from '../../../shared/startFormTypes.js';

export interface ResumeChoice {
  elementId: string;
  note: string;
}

/** The "resume a case begun on paper" part of the start form: off by default, then a step and a note. */
export interface PaperCaseResumeControls {
  element: HTMLElement;
  /** the resume part of the start request; undefined when the case starts from the beginning */
  choice(): ResumeChoice | undefined;
  /** the name of the chosen step, for the confirmation */
  stepName(elementId: string): string;
  /** the input a refusal names (`resumeElementId`, `resumeNote`), if it is one of these */
  inputFor(field: string | undefined): HTMLElement | undefined;
  onToggle(listener: (on: boolean) => void): void;
}

/** Builds the controls with the steps the server computed from the deployed diagram. */
export async function paperCaseResumeControls(processDefinitionId: string): Promise<PaperCaseResumeControls> {
  const steps = (await api.get<{ items: ResumeStep[] }>(`/api/instances/start-forms/${encodeURIComponent(processDefinitionId)}/resume-steps`)).items;
  const toggle = h('input', { type: 'checkbox', id: 'start-resume', name: 'resume' });
  const select = h(
    'select',
    { id: 'start-resumeElementId', name: 'resumeElementId', required: true },
    h('option', { value: '' }, t('start.pick')),
    ...steps.map((s) => h('option', { value: s.elementId }, s.within ? t('resume.stepWithin', { name: s.name, within: s.within }) : s.name)),
  );
  const note = h('textarea', { id: 'start-resumeNote', name: 'resumeNote', required: true, rows: 4, maxlength: 2000, placeholder: t('resume.notePlaceholder') });
  // Disabled while off, so the hidden required inputs do not stop an ordinary start.
  const details = h(
    'fieldset',
    { class: 'start-resume-details', id: 'start-resume-details', hidden: true, disabled: true },
    h('p', { class: 'empty', id: 'start-resume-hint' }, steps.length > 0 ? t('resume.hint') : t('resume.noSteps')),
    h('div', { class: 'field' }, h('label', { for: select.id }, t('resume.step')), select),
    h('div', { class: 'field' }, h('label', { for: note.id }, t('resume.note')), note),
  );
  const listeners: Array<(on: boolean) => void> = [];
  toggle.addEventListener('change', () => {
    details.hidden = !toggle.checked;
    details.disabled = !toggle.checked;
    for (const listener of listeners) listener(toggle.checked);
  });
  const element = h('div', { class: 'start-resume' }, h('div', { class: 'field field--check' }, h('label', { for: toggle.id }, toggle, ' ', t('resume.toggle'))), details);
  return {
    element,
    choice: () => (toggle.checked ? { elementId: select.value, note: note.value.trim() } : undefined),
    stepName: (elementId) => steps.find((s) => s.elementId === elementId)?.name ?? elementId,
    inputFor: (field) => (field === 'resumeElementId' ? select : field === 'resumeNote' ? note : undefined),
    onToggle: (listener) => void listeners.push(listener),
  };
}
