// dmn-js's styles load with this view only (main.ts imports it lazily), so they cannot change the other
// pages; diagram-js's own sheet already comes with bpmn-js in main.ts.
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import { api, ApiError } from '../api.js';
import { blankDecision } from '../dmn/blankDecision.js';
import dmnItalianModule from '../dmn/dmnItalian.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';

interface Deployed {
  kind: string;
  id: string;
  version?: number;
}

/**
 * The decision editor: legal staff open a DMN draft (or a new table), edit it with dmn-js, save drafts
 * and deploy it through /api/deployments as `<id>.dmn`; the engine refuses an invalid table naming it.
 */
export async function dmnModelerView(main: HTMLElement, params: URLSearchParams): Promise<() => void> {
  main.classList.add('main--wide');
  const canvas = h('div', { class: 'modeler-canvas dmn-canvas', id: 'dmn-canvas' });
  const idInput = h('input', { id: 'diagram-id', name: 'diagramId', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._-]*' });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'modeler-message' });
  const saveButton = h('button', { type: 'button', class: 'button', id: 'save-draft' }, t('modeler.save'));
  const deployButton = h('button', { type: 'button', class: 'button button--primary', id: 'deploy' }, t('modeler.deploy'));
  main.append(
    h('h1', { class: 'visually-hidden' }, t('dmnModeler.title')),
    h('div', { class: 'toolbar' }, h('label', { for: 'diagram-id' }, t('modeler.diagramId')), idInput, saveButton, deployButton),
    message,
    canvas,
  );
  const say = (text: string, kind: 'ok' | 'error' | 'info' = 'info') => {
    message.textContent = text;
    message.className = `message message--${kind}`;
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  };

  // dmn-js replaces `common.additionalModules` with each view's own list, so the translation goes to every view
  const italian = { additionalModules: [dmnItalianModule] };
  const modeler = new DmnModeler({ container: canvas, drd: italian, decisionTable: italian, literalExpression: italian });
  let xml: string;
  if (params.get('draft')) {
    xml = (await api.get<{ xml: string }>(`/api/drafts/${encodeURIComponent(params.get('draft')!)}`)).xml;
    idInput.value = params.get('draft')!;
  } else {
    xml = blankDecision(`Decision_${Math.random().toString(36).slice(2, 8)}`);
  }
  try {
    await modeler.importXML(xml);
    // open the first decision table rather than the DRD: that is what legal staff edit
    const table = modeler.getViews().find((v) => v.type === 'decisionTable');
    if (table) await modeler.open(table);
  } catch (error) {
    say(t('modeler.importError', { detail: (error as Error).message }), 'error');
  }
  if (!idInput.value) idInput.value = modeler.getDefinitions()?.id ?? 'decisione';

  saveButton.addEventListener('click', async () => {
    if (!idInput.reportValidity()) return;
    try {
      const { xml: current } = await modeler.saveXML({ format: true });
      const saved = await api.post<{ version: number }>(`/api/drafts/${encodeURIComponent(idInput.value)}`, { xml: current });
      say(t('modeler.saved', { version: saved.version }), 'ok');
    } catch (error) {
      say(t('error.generic', { detail: error instanceof ApiError ? error.detail : String(error) }), 'error');
    }
  });

  deployButton.addEventListener('click', async () => {
    if (!idInput.reportValidity()) return;
    deployButton.disabled = true;
    try {
      const { xml: current } = await modeler.saveXML({ format: true });
      const result = await api.post<{ deployed: Deployed[] }>('/api/deployments', { resources: [{ name: `${idInput.value}.dmn`, content: current }] });
      say(t('modeler.deployed', { items: result.deployed.map((d) => `${d.id} v${d.version ?? ''}`).join(', ') }), 'ok');
    } catch (error) {
      say(t('modeler.deployRefused', { detail: error instanceof ApiError ? error.detail : String(error) }), 'error');
    } finally {
      deployButton.disabled = false;
    }
  });

  return () => {
    modeler.destroy();
    main.classList.remove('main--wide');
  };
}
