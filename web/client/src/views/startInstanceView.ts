import { api, ApiError, type ProcessDefinition } from '../api.js';
import { comuneSearch } from '../comuni.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { hasRole } from '../session.js';
import type { StartField, StartFormOffer } from '../../../shared/startFormTypes.js';
import { paperCaseResumeControls } from './paperCaseResume.js';

export type StartForm = StartFormOffer;

interface Comune {
  codiceIstat: string;
  nome: string;
}

const label = (name: string) => t(`start.field.${name}` as MessageKey);

/** The procedures this user may start (server-decided: designers, and Provincia staff for their services). */
export async function startForms(): Promise<StartForm[]> {
  return (await api.get<{ items: StartForm[] }>('/api/instances/start-forms')).items;
}

/** Starts a new case of a deployed procedure with the start variables its first steps read. */
export async function startInstanceView(main: HTMLElement, key: string): Promise<void> {
  const definition = await api.get<ProcessDefinition>(`/api/processes/${encodeURIComponent(key)}`);
  const form = (await startForms()).find((f) => f.processDefinitionId === definition.processDefinitionId);
  const name = definition.name ?? definition.processDefinitionId;
  main.append(h('h1', {}, t('start.title', { name })));
  if (!form) {
    main.append(h('p', { class: 'message message--error', role: 'alert' }, t('start.notAllowed')));
    return;
  }
  const comuni = form.fields.some((f) => f.type === 'comune' || f.type === 'comuni') ? (await api.get<{ items: Comune[] }>('/api/comuni')).items : [];
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'start-message' });
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const options = (multiple: boolean) => [
    ...(multiple ? [] : [h('option', { value: '' }, t('start.pick'))]),
    ...comuni.map((c) => h('option', { value: c.codiceIstat }, `${c.nome} (${c.codiceIstat})`)),
  ];
  const fieldOf = (f: StartField): HTMLElement => {
    const id = `start-${f.name}`;
    let input: HTMLInputElement | HTMLSelectElement;
    let hint: string | undefined;
    if (f.type === 'text') {
      input = h('input', { id, name: f.name, required: true, pattern: f.pattern, placeholder: f.example, autocomplete: 'off' });
      hint = t('start.example', { example: f.example });
    } else if (f.type === 'year') {
      input = h('input', { id, name: f.name, type: 'number', required: true, min: 2000, max: 2100, value: new Date().getFullYear() + 1 });
    } else if (f.type === 'comune') {
      input = h('select', { id, name: f.name, required: true }, ...options(false));
    } else {
      input = h('select', { id, name: f.name, required: true, multiple: true, size: 8 }, ...options(true));
      hint = t('start.comuniHint');
    }
    if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
    inputs.set(f.name, input);
    const picker = input instanceof HTMLSelectElement && input.multiple ? comuneSearch(input) : undefined;
    const control = picker ? h('div', { class: 'comune-picker' }, picker.search, input, picker.chosen) : input;
    return h('div', { class: 'field' }, h('label', { for: id }, label(f.name)), control, hint ? h('small', { id: `${id}-hint`, class: 'empty' }, hint) : null);
  };
  const submit = h('button', { type: 'submit', class: 'button button--primary', id: 'start-submit' }, t('start.submit'));
  // Provincia staff and administrators may enter a case begun on paper at the step it has reached.
  const resume = form.mayResume ? await paperCaseResumeControls(form.processDefinitionId) : undefined;
  resume?.onToggle((on) => (submit.textContent = t(on ? 'resume.submit' : 'start.submit')));
  const formEl = h(
    'form',
    { class: 'card start-form', id: 'start-form', 'aria-labelledby': 'start-form-title' },
    h('h2', { id: 'start-form-title', class: 'visually-hidden' }, name),
    resume?.element,
    ...form.fields.map(fieldOf),
    submit,
  );
  main.append(formEl, message);

  const valueOf = (f: StartField): unknown => {
    const input = inputs.get(f.name)!;
    if (f.type === 'year') return Number(input.value);
    if (f.type === 'comuni') return [...(input as HTMLSelectElement).selectedOptions].map((o) => o.value);
    return input.value.trim();
  };
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    for (const input of [...inputs.values(), resume?.inputFor('resumeElementId'), resume?.inputFor('resumeNote')]) input?.removeAttribute('aria-invalid');
    const resumeChoice = resume?.choice();
    try {
      const variables = Object.fromEntries(form.fields.map((f) => [f.name, valueOf(f)]));
      const started = await api.post<{ processInstanceKey: string }>('/api/instances', {
        processDefinitionId: form.processDefinitionId,
        variables,
        ...(resumeChoice ? { resume: resumeChoice } : {}),
      });
      message.className = 'message message--ok';
      message.setAttribute('role', 'status');
      message.replaceChildren(
        resumeChoice ? t('resume.started', { step: resume!.stepName(resumeChoice.elementId), key: started.processInstanceKey }) : t('start.started', { key: started.processInstanceKey }),
      );
      message.dataset.processInstanceKey = started.processInstanceKey;
      // Designers do not follow cases; the staff who started it go to it.
      if (hasRole('provincia', 'comune', 'auditor', 'admin')) message.append(' ', h('a', { href: `#/instances/${started.processInstanceKey}`, id: 'start-open' }, t('start.open')));
    } catch (error) {
      const detail = error instanceof ApiError ? (error.code === 'INVALID_RESUME_STEP' ? t('resume.invalidStep') : error.detail) : String(error);
      message.className = 'message message--error';
      message.setAttribute('role', 'alert');
      message.textContent = t('start.refused', { detail });
      const field = error instanceof ApiError ? form.fields.find((f) => f.name === error.field) : undefined;
      const invalid = field ? inputs.get(field.name) : error instanceof ApiError ? resume?.inputFor(error.field) : undefined;
      if (invalid) {
        invalid.setAttribute('aria-invalid', 'true');
        invalid.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });
}
