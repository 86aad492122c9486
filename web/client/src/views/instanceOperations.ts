import { api, ApiError } from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { variableWords } from '../../../shared/variableWords.js';

/** What GET /api/instances/:key/operations offers an operator (Provincia staff, administrators). */
interface Operations {
  mayOperate: boolean;
  running?: boolean;
  child?: boolean;
  incidents?: Array<{ incidentKey: string; elementId?: string; elementName?: string; errorType?: string; errorMessage?: string; jobKey?: string }>;
  tokens?: Array<{ elementInstanceKey: string; elementId: string; name: string }>;
  targets?: Array<{ elementId: string; name: string; within?: string }>;
  variables?: Array<{ name: string; value: string }>;
  versions?: Array<{ processDefinitionKey: string; version: number }>;
  currentVersion?: number;
}

let formCount = 0;

function reasonField(): { row: HTMLElement; input: HTMLTextAreaElement } {
  const id = `op-reason-${++formCount}`;
  const input = h('textarea', { id, name: 'reason', rows: '2', required: true, minlength: '5', maxlength: '2000', placeholder: t('ops.reasonPlaceholder') });
  return { row: h('p', {}, h('label', { for: id }, t('ops.reason')), h('br', {}), input), input };
}

function labelled(label: string, control: HTMLElement): HTMLElement {
  const id = `op-field-${++formCount}`;
  control.id = id;
  return h('p', {}, h('label', { for: id }, label), h('br', {}), control);
}

function select(options: Array<{ value: string; label: string }>): HTMLSelectElement {
  return h('select', { required: true }, ...options.map((o) => h('option', { value: o.value }, o.label)));
}

/**
 * One operation: a form with its own fields and the mandatory reason, posted to the server, which checks
 * the role and the engine's rules again; the outcome is announced in `status`.
 */
function operationForm(kind: string, title: string, fields: HTMLElement[], submitLabel: string, send: (reason: string) => Promise<string>, status: HTMLElement, onDone: () => void): HTMLFormElement {
  const reason = reasonField();
  const submit = h('button', { type: 'submit', class: 'button' }, submitLabel);
  const form = h('form', { class: 'case-action', 'data-op': kind, 'aria-label': title }, h('h3', {}, title), ...fields, reason.row, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    send(reason.input.value)
      .then((message) => {
        status.textContent = message;
        onDone();
      })
      .catch((e: unknown) => {
        status.textContent = e instanceof ApiError ? e.detail : String(e);
        submit.disabled = false;
      });
  });
  return form;
}

/**
 * The "Interventi sul caso" section of the instance page: retry/resolve each incident, cancel, correct a
 * value, move a token, migrate to another version. Shown only to those the server lets operate; re-read
 * when `refresh` is called (the page calls it when the case's tokens or incidents change).
 */
export function operationsPanel(key: string): { element: HTMLElement; refresh: () => Promise<void> } {
  const section = h('section', { id: 'case-operations', 'aria-labelledby': 'case-operations-title', hidden: true });
  const status = h('p', { id: 'case-operation-message', role: 'status', 'aria-live': 'polite' });
  const base = `/api/instances/${encodeURIComponent(key)}`;
  const refresh = async (): Promise<void> => {
    const ops = await api.get<Operations>(`${base}/operations`).catch(() => ({ mayOperate: false }) as Operations);
    clear(section);
    section.hidden = !ops.mayOperate;
    if (!ops.mayOperate) return;
    section.append(h('h2', { id: 'case-operations-title' }, t('ops.title')), h('p', { class: 'hint' }, t('ops.hint')), status);
    if (!ops.running) {
      section.append(h('p', {}, t('ops.finished')));
      return;
    }
    const done = () => void refresh();
    for (const incident of ops.incidents ?? []) {
      const retries = h('input', { type: 'number', min: '1', max: '10', value: '1', required: true });
      const fields = incident.jobKey ? [labelled(t('ops.retries'), retries)] : [];
      const title = t('ops.incident', { element: incident.elementName ?? incident.elementId ?? '', message: incident.errorMessage ?? incident.errorType ?? '' });
      section.append(
        operationForm('retry', title, fields, t('ops.retry'), async (reason) => {
          await api.post(`${base}/incidents/${encodeURIComponent(incident.incidentKey)}/resolution`, { retries: Number(retries.value), reason });
          return t('ops.retried');
        }, status, done),
      );
    }
    const tokens = ops.tokens ?? [];
    const targets = ops.targets ?? [];
    if (tokens.length > 0 && targets.length > 0) {
      const from = select([...new Map(tokens.map((tk) => [tk.elementId, { value: tk.elementId, label: tk.name }])).values()]);
      const to = select(targets.map((s) => ({ value: s.elementId, label: s.within ? `${s.name} (${s.within})` : s.name })));
      section.append(
        operationForm('move', t('ops.move'), [labelled(t('ops.moveFrom'), from), labelled(t('ops.moveTo'), to)], t('ops.moveSubmit'), async (reason) => {
          await api.post(`${base}/modification`, { fromElementId: from.value, toElementId: to.value, reason });
          return t('ops.moved');
        }, status, done),
      );
    }
    const variables = ops.variables ?? [];
    if (variables.length > 0) {
      const name = select(variables.map((v) => ({ value: v.name, label: variableWords(v.name) })));
      const value = h('textarea', { rows: '2', required: true });
      const current = () => (value.value = variables.find((v) => v.name === name.value)?.value ?? '');
      name.addEventListener('change', current);
      current();
      section.append(
        operationForm('variable', t('ops.variable'), [labelled(t('ops.variableName'), name), labelled(t('ops.variableValue'), value)], t('ops.variableSubmit'), async (reason) => {
          await api.post(`${base}/variables/${encodeURIComponent(name.value)}`, { value: value.value, reason });
          return t('ops.variableDone');
        }, status, done),
      );
    }
    const versions = ops.versions ?? [];
    const version = select(versions.map((v) => ({ value: v.processDefinitionKey, label: t('ops.versionOption', { version: v.version }) })));
    const allRunning = h('input', { type: 'checkbox', name: 'allRunning' });
    section.append(
      versions.length === 0
        ? h('p', {}, t('ops.noVersions'))
        : operationForm('migrate', t('ops.migrate'), [h('p', {}, t('ops.currentVersion', { version: ops.currentVersion ?? '' })), labelled(t('ops.migrateVersion'), version), h('p', {}, h('label', {}, allRunning, ' ', t('ops.migrateAll', { version: ops.currentVersion ?? '' })))], t('ops.migrateSubmit'), async (reason) => {
            const result = await api.post<{ version: number; others: number; refused: Array<{ processInstanceKey: string }> }>(`${base}/migration`, { targetProcessDefinitionKey: version.value, reason, allRunning: allRunning.checked });
            if (!allRunning.checked) return t('ops.migrated', { version: result.version });
            return t('ops.migratedOthers', { version: result.version, others: result.others, refused: result.refused.map((r) => r.processInstanceKey).join(', ') || '–' });
          }, status, done),
    );
    if (!ops.child) {
      section.append(
        operationForm('cancel', t('ops.cancel'), [h('p', { class: 'hint' }, t('ops.cancelHint'))], t('ops.cancel'), async (reason) => {
          await api.post(`${base}/cancellation`, { reason });
          return t('ops.cancelled');
        }, status, done),
      );
    }
  };
  return { element: section, refresh };
}
