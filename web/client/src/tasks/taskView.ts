import { api, ApiError } from '../api.js';
import { createStatusViewer } from '../bpmn/createViewer.js';
import { comuneNames } from '../comuni.js';
import { clear, h } from '../dom.js';
import { currentLang, formatDate, formatDateTime } from '../i18n/i18n.js';
import { followLive } from '../live.js';
import { currentUser } from '../session.js';
import { showWhatComesNext } from '../cases/afterTaskPanel.js';
import { caseHref } from '../cases/caseMessages.js';
import type { CaseDeadline, TaskPage, TaskPermissions } from './taskApi.js';
import { deadlineBadge } from './taskListView.js';
import { groupLabel, tt } from './taskMessages.js';
import { placeDateTimeErrors } from '../forms/dateTimeErrors.js';
import './tasks.css';

interface LiveTask {
  task: { state: string; assignee: string | null };
  permissions: TaskPermissions;
}

interface FormViewer {
  importSchema(schema: unknown, data?: unknown): Promise<unknown>;
  submit(): { data: Record<string, unknown>; errors: Record<string, unknown> };
  setProperty(name: string, value: unknown): void;
  destroy(): void;
}

/**
 * One task: its Camunda form (form-js viewer, prefilled from the case), claim/unclaim/assign/complete,
 * and the case beside it: procedure, Comune, diagram with the task highlighted, the deadline with its
 * legal source, the documents produced so far. Follows the task live: completed elsewhere, it locks.
 */
export async function taskView(main: HTMLElement, key: string): Promise<() => void> {
  main.classList.add('main--wide');
  const [page, comuni] = await Promise.all([api.get<TaskPage>(`/api/tasks/${encodeURIComponent(key)}`), comuneNames()]);
  const { task, context } = page;
  let permissions = page.permissions;
  let assignee: string | null = task.assignee ?? null;
  let open = task.state === 'CREATED';

  const message = h('div', { class: 'message', id: 'task-message', role: 'alert', 'aria-live': 'assertive' });
  const facts = h('dl', { class: 'task-facts' });
  const actions = h('div', { class: 'task-actions', id: 'task-actions' });
  const formContainer = h('div', { class: 'task-form', id: 'task-form' });
  const completeButton = h('button', { type: 'button', class: 'button button--primary', id: 'task-complete' }, tt('task.complete'));
  const diagram = h('div', { class: 'diagram diagram--task', id: 'task-diagram' });
  const after = h('section', { class: 'task-after', id: 'task-after', 'aria-labelledby': 'after-title', hidden: true });
  const caseRef = context.businessKey ?? context.caseInstanceKey;
  let stopAfter: (() => void) | undefined;
  main.append(
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/tasks' }, tt('tasks.title'))),
    h('h1', {}, task.name),
    facts,
    message,
    after,
    h(
      'div',
      { class: 'task-layout' },
      h('section', { class: 'task-main', 'aria-label': task.name }, actions, formContainer, h('div', { class: 'task-submit' }, completeButton)),
      h(
        'aside',
        { class: 'task-context' },
        h('section', { 'aria-labelledby': 'deadlines-title' }, h('h2', { id: 'deadlines-title' }, tt('task.deadlines')), deadlineList(page)),
        h('section', { 'aria-labelledby': 'documents-title' }, h('h2', { id: 'documents-title' }, tt('task.documents')), documentList(page)),
      ),
    ),
    h('section', { 'aria-labelledby': 'diagram-title' }, h('h2', { id: 'diagram-title' }, tt('task.diagram')), diagram),
  );

  const show = (text: string, kind: 'ok' | 'error') => {
    message.className = `message message--${kind}`;
    message.textContent = text;
  };

  const renderFacts = () => {
    clear(facts);
    const fact = (label: string, value: string | HTMLElement, id?: string) => [h('dt', {}, label), h('dd', id ? { id } : {}, value)];
    facts.append(
      ...fact(tt('task.procedure'), context.procedure.name),
      ...fact(tt('task.case'), h('a', { href: caseHref(caseRef) }, caseRef), 'task-case'),
      ...(context.comune ? fact(tt('task.comune'), context.comune.nome ? `${context.comune.nome} (${context.comune.codiceIstat})` : context.comune.codiceIstat) : []),
      ...fact(tt('task.assignee'), assignee ?? tt('tasks.unassigned'), 'task-assignee'),
      ...fact(tt('task.groups'), task.candidateGroups.map((g) => groupLabel(g, comuni)).join(', ')),
    );
  };

  // The form: Camunda Form JSON in the form-js viewer, prefilled with the case data it shows.
  let form: FormViewer | undefined;
  let stopLocalising: (() => void) | undefined;
  if (page.form) {
    const [{ Form }, { localiseFormViewer }] = await Promise.all([import('@bpmn-io/form-js-viewer'), import('../forms/localiseFormViewer.js')]);
    await import('@bpmn-io/form-js-viewer/dist/assets/form-js.css');
    // Before the form renders, so its calendars are created in the page's language.
    const stopWords = localiseFormViewer(formContainer, currentLang());
    const stopPlacing = placeDateTimeErrors(formContainer, currentLang());
    stopLocalising = () => {
      stopWords();
      stopPlacing();
    };
    form = new Form({ container: formContainer }) as unknown as FormViewer;
    await form.importSchema(page.form.schema, page.data);
  } else {
    formContainer.append(h('p', {}, tt('task.noForm')));
  }

  const user = currentUser();
  let readOnly = false;
  const mine = () => assignee === user?.username;
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      show(error instanceof ApiError ? error.detail : String(error), 'error');
    }
  };
  const refresh = async (res: { task?: { assignee?: string } }) => {
    assignee = res.task?.assignee ?? null;
    renderFacts();
    renderActions();
  };

  const renderActions = () => {
    clear(actions);
    const writable = open && permissions.act && (!assignee || mine());
    // Re-rendering the form on every live event would disturb the user's typing: only on a change.
    if (form && readOnly !== !writable) form.setProperty('readOnly', (readOnly = !writable));
    completeButton.disabled = !writable;
    completeButton.hidden = !permissions.act;
    if (!permissions.act && !permissions.assign) {
      actions.append(h('p', { class: 'message' }, tt('task.readOnly')));
      return;
    }
    if (!open) return;
    if (permissions.act && !assignee) {
      actions.append(h('button', { type: 'button', class: 'button', id: 'task-claim', onclick: () => void run(async () => { await refresh(await api.post(`/api/tasks/${key}/claim`, {})); show(tt('task.claimed'), 'ok'); }) }, tt('task.claim')));
    }
    if (assignee && (mine() || permissions.assign)) {
      actions.append(h('button', { type: 'button', class: 'button', id: 'task-unclaim', onclick: () => void run(async () => { await refresh(await api.post(`/api/tasks/${key}/unclaim`, {})); show(tt('task.released'), 'ok'); }) }, tt('task.unclaim')));
    }
    if (permissions.assign) {
      const select = h('select', { id: 'task-assignee-select', name: 'assignee' });
      const assignForm = h('form', { class: 'task-assign' }, h('label', { for: 'task-assignee-select' }, tt('task.assignTo')), select, h('button', { type: 'submit', class: 'button' }, tt('task.assign')));
      void api.get<{ items: Array<{ username: string; displayName: string }> }>(`/api/tasks/${key}/colleagues`).then((res) => {
        for (const u of res.items) select.append(h('option', { value: u.username, selected: u.username === assignee }, `${u.displayName} (${u.username})`));
      });
      assignForm.addEventListener('submit', (e) => {
        e.preventDefault();
        void run(async () => {
          await refresh(await api.post(`/api/tasks/${key}/assign`, { assignee: select.value }));
          show(tt('task.assigned', { name: select.value }), 'ok');
        });
      });
      actions.append(assignForm);
    }
  };

  completeButton.addEventListener('click', () =>
    void run(async () => {
      let variables: Record<string, unknown> = {};
      if (form) {
        const result = form.submit();
        if (Object.keys(result.errors).length > 0) {
          show(tt('task.fixErrors'), 'error');
          return;
        }
        variables = result.data;
      }
      completeButton.disabled = true;
      try {
        await api.post(`/api/tasks/${key}/complete`, { variables });
      } catch (error) {
        completeButton.disabled = false;
        throw error;
      }
      open = false;
      renderActions();
      show(tt('task.completed'), 'ok');
      stopAfter = showWhatComesNext(after, caseRef, task.userTaskKey);
    }),
  );

  renderFacts();
  renderActions();

  // The diagram of the process this task belongs to, with the task highlighted.
  const xml = await api.get<string>(`/api/tasks/${encodeURIComponent(key)}/diagram`);
  const viewer = await createStatusViewer(diagram, xml);
  (viewer.viewer.get('canvas') as { addMarker(id: string, cls: string): void }).addMarker(task.elementId, 'hr-current-task');
  diagram.dataset.highlighted = task.elementId;

  const stop = followLive<LiveTask>(`/api/tasks/${encodeURIComponent(key)}/live`, (s) => {
    const wasOpen = open;
    permissions = s.permissions;
    if (s.task.state !== 'CREATED') open = false;
    if (s.task.assignee !== assignee) assignee = s.task.assignee;
    renderFacts();
    renderActions();
    if (wasOpen && !open && !message.textContent?.includes(tt('task.completed'))) show(tt('task.closedElsewhere'), 'error');
  });
  return () => {
    stop();
    stopAfter?.();
    stopLocalising?.();
    form?.destroy();
    viewer.viewer.destroy();
    main.classList.remove('main--wide');
  };
}

function deadlineList(page: TaskPage): HTMLElement {
  const list = h('ul', { id: 'task-deadlines', class: 'plain' });
  const deadlines: CaseDeadline[] = page.context.deadlines.length ? page.context.deadlines : page.task.deadline ? [{ ...page.task.deadline, variable: '', nature: undefined }] : [];
  if (deadlines.length === 0) list.append(h('li', { class: 'empty' }, tt('task.noDeadlines')));
  for (const d of deadlines) {
    list.append(
      h(
        'li',
        { 'data-variable': d.variable },
        h('strong', {}, d.siteName ?? d.variable), ' ',
        deadlineBadge(d),
        d.legalSource ? h('div', { class: 'legal-source' }, `${tt('task.legalSource')}: ${d.legalSource}`) : null,
        d.lastDay ? h('div', { class: 'hint' }, tt('task.lastDay', { date: formatDate(d.lastDay) })) : null,
      ),
    );
  }
  return list;
}

function documentList(page: TaskPage): HTMLElement {
  const list = h('ul', { id: 'task-documents', class: 'plain' });
  if (page.context.documents.length === 0) list.append(h('li', { class: 'empty' }, tt('task.noDocuments')));
  for (const d of page.context.documents) {
    list.append(
      h(
        'li',
        {},
        h('a', { href: `/api/tasks/${page.task.userTaskKey}/documents/${d.sha256}`, download: d.name }, d.name),
        h('div', { class: 'hint' }, `${formatDateTime(d.createdAt)} · SHA-256 ${d.sha256.slice(0, 16)}…`),
      ),
    );
  }
  return list;
}
