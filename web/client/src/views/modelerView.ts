import type { LintReport } from '@camunda/linting';
import { api, ApiError } from '../api.js';
import { blankDiagram, createModeler } from '../bpmn/createModeler.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n/i18n.js';

interface Deployed {
  kind: string;
  id: string;
  version?: number;
}

/** The modeler: open a deployed diagram or a draft, lint as CI does, save drafts, deploy. */
export async function modelerView(main: HTMLElement, params: URLSearchParams): Promise<() => void> {
  main.classList.add('main--wide');
  const canvas = h('div', { class: 'modeler-canvas', id: 'modeler-canvas' });
  const panel = h('div', { class: 'modeler-properties', id: 'properties-panel', 'aria-label': t('modeler.properties') });
  const idInput = h('input', { id: 'diagram-id', name: 'diagramId', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._-]*' });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'modeler-message' });
  const problems = h('ul', { class: 'problems', id: 'lint-problems', 'aria-label': t('modeler.problemsTitle') });
  const saveButton = h('button', { type: 'button', class: 'button', id: 'save-draft' }, t('modeler.save'));
  const lintButton = h('button', { type: 'button', class: 'button', id: 'lint' }, t('modeler.lint'));
  const deployButton = h('button', { type: 'button', class: 'button button--primary', id: 'deploy' }, t('modeler.deploy'));

  main.append(
    h('h1', { class: 'visually-hidden' }, t('modeler.title')),
    h('div', { class: 'toolbar' }, h('label', { for: 'diagram-id' }, t('modeler.diagramId')), idInput, saveButton, lintButton, deployButton,
      h('a', { href: '#/modeler/dmn', id: 'open-dmn-modeler' }, t('dmnModeler.title'))),
    message,
    h('div', { class: 'modeler' }, canvas, panel),
    h('section', { 'aria-labelledby': 'problems-title' }, h('h2', { id: 'problems-title' }, t('modeler.problemsTitle')), problems),
  );

  const dm = createModeler(canvas, panel);
  const say = (text: string, kind: 'ok' | 'error' | 'info' = 'info') => {
    message.textContent = text;
    message.className = `message message--${kind}`;
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  };

  let xml: string;
  if (params.get('definition')) {
    xml = await api.get<string>(`/api/processes/${encodeURIComponent(params.get('definition')!)}/xml`);
  } else if (params.get('draft')) {
    xml = (await api.get<{ xml: string }>(`/api/drafts/${encodeURIComponent(params.get('draft')!)}`)).xml;
    idInput.value = params.get('draft')!;
  } else {
    xml = blankDiagram(`Process_${Math.random().toString(36).slice(2, 8)}`);
  }
  try {
    // the palette-clearance module fits the diagram right of the palette once it is imported
    await dm.modeler.importXML(xml);
  } catch (error) {
    say(t('modeler.importError', { detail: (error as Error).message }), 'error');
  }
  const processId = () => {
    const root = (dm.modeler.get('canvas') as { getRootElement(): { businessObject: { id: string; processRef?: { id: string } } } }).getRootElement().businessObject;
    return root.processRef?.id ?? root.id;
  };
  if (!idInput.value) idInput.value = processId();

  const showProblems = (reports: LintReport[]) => {
    clear(problems);
    for (const r of reports) {
      const item = h(
        'li',
        { class: `problem problem--${r.category}`, 'data-element-id': r.id ?? '' },
        h('button', { type: 'button', class: 'link', onclick: () => dm.showProblem(r) }, `${r.id ?? ''}: ${r.message}`),
        // the rule's id (bpmnlint's English name) is for designers who look it up: a tooltip, not the text
        h('span', { class: 'rule', title: t('modeler.rule', { rule: r.rule ?? '' }), 'data-rule': r.rule ?? '' }, ` (${t(r.category === 'error' || r.category === 'rule-error' ? 'modeler.category.error' : 'modeler.category.warn')})`),
      );
      problems.append(item);
    }
  };
  const lint = async () => {
    const reports = await dm.lint();
    showProblems(reports);
    const errors = reports.filter((r) => r.category === 'error' || r.category === 'rule-error');
    return { reports, errors };
  };

  let timer: number | undefined;
  dm.modeler.on('commandStack.changed', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void lint(), 400);
  });

  lintButton.addEventListener('click', async () => {
    const { reports, errors } = await lint();
    if (reports.length === 0) say(t('modeler.lintClean'), 'ok');
    else say(t('modeler.lintSummary', { errors: errors.length, warnings: reports.length - errors.length }), errors.length ? 'error' : 'info');
  });

  saveButton.addEventListener('click', async () => {
    if (!idInput.reportValidity()) return;
    try {
      const { xml: current } = await dm.modeler.saveXML({ format: true });
      const saved = await api.post<{ version: number }>(`/api/drafts/${encodeURIComponent(idInput.value)}`, { xml: current });
      say(t('modeler.saved', { version: saved.version }), 'ok');
    } catch (error) {
      say(t('error.generic', { detail: error instanceof ApiError ? error.detail : String(error) }), 'error');
    }
  });

  deployButton.addEventListener('click', async () => {
    const { errors } = await lint();
    if (errors.length > 0) {
      say(`${t('modeler.deployBlocked')} ${t('modeler.problems', { count: errors.length })}`, 'error');
      return;
    }
    deployButton.disabled = true;
    try {
      const { xml: current } = await dm.modeler.saveXML({ format: true });
      const result = await api.post<{ deployed: Deployed[] }>('/api/deployments', { resources: [{ name: `${processId()}.bpmn`, content: current }] });
      say(t('modeler.deployed', { items: result.deployed.map((d) => `${d.id} v${d.version ?? ''}`).join(', ') }), 'ok');
    } catch (error) {
      say(t('modeler.deployRefused', { detail: error instanceof ApiError ? error.detail : String(error) }), 'error');
    } finally {
      deployButton.disabled = false;
    }
  });

  await lint();
  return () => {
    clearTimeout(timer);
    dm.modeler.destroy();
    main.classList.remove('main--wide');
  };
}
