import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { formEditorFieldTypes, formEditorPanel, formEditorPatterns } from '../i18n/formEditorMessages.js';
import { currentLang, formatDateTime, t } from '../i18n/i18n.js';
import { localiseLibraryTexts } from '../i18n/libraryTextLocaliser.js';

interface FormSummary {
  formId: string;
  inProcesses: boolean;
  draft?: { version: number; author: string; createdAt: string };
}

interface Deployed {
  kind: string;
  id: string;
  version?: number;
}

type Schema = Record<string, unknown> & { id?: string; components?: unknown[] };

const FORM_ID = '[A-Za-z0-9][A-Za-z0-9._-]*';

/** The forms a designer can open: those deployed with the procedures (processes/forms) and their drafts. */
export async function formListView(main: HTMLElement): Promise<void> {
  const { items } = await api.get<{ items: FormSummary[] }>('/api/forms');
  const newId = h('input', { id: 'new-form-id', required: true, pattern: FORM_ID });
  const create = h(
    'form',
    { class: 'toolbar', id: 'new-form' },
    h('label', { for: 'new-form-id' }, t('forms.new')),
    newId,
    h('button', { type: 'submit', class: 'button button--primary' }, t('forms.new')),
  );
  create.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/forms/${encodeURIComponent(newId.value.trim())}?new=1`;
  });
  main.append(
    h('h1', {}, t('forms.title')),
    create,
    items.length === 0
      ? h('p', {}, t('forms.empty'))
      : h(
          'ul',
          { class: 'list', id: 'forms-list' },
          ...items.map((f) =>
            h(
              'li',
              { 'data-form-id': f.formId },
              h('a', { href: `#/forms/${encodeURIComponent(f.formId)}` }, f.formId),
              f.draft ? ` – ${t('drafts.savedBy', { version: f.draft.version, author: f.draft.author, date: formatDateTime(f.draft.createdAt) })}` : '',
            ),
          ),
        ),
  );
}

/** The form-js editor on one form: edit, save a versioned draft, deploy the .form to the engine. */
export async function formEditorView(main: HTMLElement, formId: string, params: URLSearchParams): Promise<() => void> {
  main.classList.add('main--wide');
  const schema: Schema = params.get('new')
    ? { type: 'default', id: formId, components: [], schemaVersion: 18 }
    : (await api.get<{ schema: Schema }>(`/api/forms/${encodeURIComponent(formId)}`)).schema;
  const [{ FormEditor }] = await Promise.all([
    import('@bpmn-io/form-js-editor'),
    import('@bpmn-io/form-js-viewer/dist/assets/form-js.css'),
    import('@bpmn-io/form-js-editor/dist/assets/form-js-editor.css'),
    import('@bpmn-io/form-js-editor/dist/assets/properties-panel.css'),
  ]);
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'form-message' });
  const saveButton = h('button', { type: 'button', class: 'button', id: 'save-form' }, t('forms.save'));
  const deployButton = h('button', { type: 'button', class: 'button button--primary', id: 'deploy-form' }, t('forms.deploy'));
  const container = h('div', { class: 'form-editor', id: 'form-editor' });
  main.append(h('h1', {}, t('forms.editorTitle', { id: formId })), h('div', { class: 'toolbar' }, saveButton, deployButton), message, container);

  // form-js-editor has no translate service: on an Italian page its palette, properties panel and context
  // pad are rewritten in place (the form's own labels, on the canvas, are left alone)
  const both = { ...formEditorFieldTypes, ...formEditorPanel };
  const stopLocalising =
    currentLang() === 'it'
      ? localiseLibraryTexts(container, [
          { selector: '.fjs-palette-container', dictionary: both, patterns: formEditorPatterns },
          { selector: '.fjs-properties-container', dictionary: both, patterns: formEditorPatterns },
          { selector: '.fjs-context-pad', dictionary: formEditorFieldTypes, patterns: formEditorPatterns, attributes: ['title', 'aria-label'] },
        ])
      : () => undefined;
  const editor = new FormEditor({ container });
  await editor.importSchema(schema);
  const say = (text: string, kind: 'ok' | 'error') => {
    message.textContent = text;
    message.className = `message message--${kind}`;
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  };
  // The engine links tasks to the form by its id: keep it the id the designer opened.
  const current = (): Schema => ({ ...(editor.saveSchema() as Schema), id: formId });

  saveButton.addEventListener('click', async () => {
    try {
      const saved = await api.post<{ version: number }>(`/api/forms/${encodeURIComponent(formId)}/drafts`, { schema: current() });
      say(t('forms.saved', { version: saved.version }), 'ok');
    } catch (error) {
      say(t('error.generic', { detail: error instanceof ApiError ? error.detail : String(error) }), 'error');
    }
  });

  deployButton.addEventListener('click', async () => {
    deployButton.disabled = true;
    try {
      const content = JSON.stringify(current(), null, 2);
      const result = await api.post<{ deployed: Deployed[] }>('/api/deployments', { resources: [{ name: `${formId}.form`, content }] });
      const form = result.deployed[0];
      say(t('forms.deployed.ok', { id: form?.id ?? formId, version: form?.version ?? '' }), 'ok');
    } catch (error) {
      say(t('forms.refused', { detail: error instanceof ApiError ? error.detail : String(error) }), 'error');
    } finally {
      deployButton.disabled = false;
    }
  });

  return () => {
    stopLocalising();
    editor.destroy();
    main.classList.remove('main--wide');
  };
}
