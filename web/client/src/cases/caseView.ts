import type { CaseDiagram, CaseFile } from '../../../shared/caseFileTypes.js';
import { api, ApiError } from '../api.js';
import { focusOnElements } from '../bpmn/active-focus/focusOnElements.js';
import { createStatusViewer, type StatusViewer } from '../bpmn/createViewer.js';
import { comuneNames } from '../comuni.js';
import { h } from '../dom.js';
import { formatDateTime } from '../i18n/i18n.js';
import { followLive } from '../live.js';
import { hasRole } from '../session.js';
import { operationsPanel } from '../views/instanceOperations.js';
import { messageForm, type CaseMessageOffer } from '../views/instanceView.js';
import { caseHref, ct } from './caseMessages.js';
import { dataList, deadlineList, documentTable, nextStepsList, section, subCaseTree, summaryList, timelineList } from './caseSections.js';
import './cases.css';

/** 32 hex digits; getRandomValues works on plain http too, where randomUUID does not. */
function newPageViewId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads a case file (the case, or one of its sub-cases with `istanza`). */
export function fetchCaseFile(ref: string, instanceKey?: string | null, pageView?: string): Promise<CaseFile> {
  const q = new URLSearchParams({ ...(instanceKey ? { istanza: instanceKey } : {}), ...(pageView ? { pageView } : {}) });
  return api.get<CaseFile>(`/api/cases/${encodeURIComponent(ref)}${q.size ? `?${q.toString()}` : ''}`);
}

/**
 * The case file (fascicolo) by its number: what the case is, where it stands, who must act, its open
 * deadlines, the sub-cases it called, the diagram of the phase it is in (zoomed to where the token is,
 * its call activities opening their sub-cases), every document, the timeline in words and the case data.
 */
export async function caseView(main: HTMLElement, ref: string, params: URLSearchParams): Promise<() => void> {
  main.classList.add('main--wide');
  const pageView = newPageViewId();
  let file: CaseFile;
  let comuni: Map<string, string>;
  try {
    [file, comuni] = await Promise.all([fetchCaseFile(ref, params.get('istanza'), pageView), comuneNames()]);
  } catch (error) {
    // The server says which number it could not find (or that it is not the user's): clearer than a bare "not found".
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 400)) throw error;
    main.append(h('p', { class: 'breadcrumb' }, h('a', { href: '#/pratiche' }, ct('cases.title'))), h('p', { class: 'message message--error', role: 'alert', id: 'case-error' }, error.detail));
    return () => main.classList.remove('main--wide');
  }
  const number = file.caseNumber ?? ref;
  const isSubCase = file.processInstanceKey !== file.rootProcessInstanceKey;
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));

  const actionStatus = h('p', { id: 'case-action-message', role: 'status', 'aria-live': 'polite' });
  // The case moves on while it is open (another office completes a step, a term expires): the page says so and
  // offers the new state, rather than redrawing under a form being filled in.
  const changed = h('div', { class: 'message message--ok', id: 'case-changed', role: 'status', hidden: true }, ct('case.changed'), ' ', h('button', { type: 'button', class: 'button', id: 'case-refresh', onclick: reload }, ct('case.refresh')));
  const stopFollowing = [...new Set([file.processInstanceKey, file.diagram.processInstanceKey])].map((key) => {
    let first: string | undefined;
    return followLive<object>(`/api/instances/${encodeURIComponent(key)}/live?pageView=${pageView}`, (state) => {
      // A reconnection sends the snapshot again: only a state other than the first one is a change.
      const now = JSON.stringify(state);
      if (first === undefined) first = now;
      else if (now !== first) changed.hidden = false;
    });
  });
  const next = section('case-next', ct('case.next'), nextStepsList(file.nextSteps, comuni), actionStatus);
  const diagram = h('div', { class: 'diagram diagram--case', id: 'case-diagram' });
  const diagramSwitch = h('div', { class: 'toolbar', id: 'case-diagram-switch' }, file.overview ? null : h('strong', { id: 'case-diagram-name' }, file.diagram.procedure));
  const operations = file.mayOperate ? operationsPanel(file.processInstanceKey) : undefined;
  main.append(
    ...[
      h(
        'p',
        { class: 'breadcrumb' },
        h('a', { href: '#/pratiche' }, ct('cases.title')),
        ' › ',
        isSubCase ? h('a', { href: caseHref(number) }, number) : h('span', {}, number),
      ),
      h('h1', {}, isSubCase ? ct('case.subTitle', { number, procedure: file.summary.procedure }) : ct('case.title', { number })),
      changed,
      file.parent ? h('p', {}, h('a', { href: caseHref(number, file.parent.processInstanceKey === file.rootProcessInstanceKey ? undefined : file.parent.processInstanceKey), id: 'case-parent' }, ct('case.parent', { procedure: file.parent.procedure }))) : null,
      file.otherInstances.length
        ? h('p', { class: 'hint' }, ct('case.others'), ' ', ...file.otherInstances.flatMap((o, i) => [i ? ', ' : '', h('a', { href: caseHref(number, o.processInstanceKey) }, ct('case.other', { date: formatDateTime(o.startDate), state: ct(`state.${o.state}`) }))]))
        : null,
      h(
        'div',
        { class: 'case-layout' },
        h('div', { class: 'case-main' }, section('case-overview', ct('case.summary'), summaryList(file)), next, section('case-deadlines-section', ct('case.deadlines'), deadlineList(file))),
        h('div', { class: 'case-side' }, section('case-subcases-section', ct('case.subCases'), subCaseTree(number, file.subCases)), section('case-data-section', ct('case.data'), dataList(file))),
      ),
      section('case-diagram-section', ct('case.diagramTitle'), diagramSwitch, h('p', { class: 'hint' }, ct('case.diagramHint')), diagram),
      section('case-documents-section', ct('case.documents'), documentTable(file)),
      section('case-timeline-section', ct('case.timeline'), timelineList(file)),
      operations?.element ?? null,
      h(
        'p',
        { class: 'case-links' },
        h('a', { href: `#/instances/${encodeURIComponent(file.processInstanceKey)}`, id: 'case-technical' }, ct('case.technical')),
        hasRole('auditor', 'admin') ? ' · ' : null,
        hasRole('auditor', 'admin') ? h('a', { href: `#/audit/instances/${encodeURIComponent(file.rootProcessInstanceKey)}` }, ct('case.audit')) : null,
      ),
    ].filter((x): x is HTMLElement => x !== null),
  );
  void operations?.refresh();

  // The case actions this user may take now (the Comune's segnalazione...): their forms, as on the instance page.
  if (file.nextSteps.some((s) => s.kind === 'message' && s.mayDeliver)) {
    const offers = await api.get<{ items: CaseMessageOffer[] }>(`/api/instances/${encodeURIComponent(file.rootProcessInstanceKey)}/messages?pageView=${pageView}`).catch(() => ({ items: [] as CaseMessageOffer[] }));
    for (const m of offers.items) {
      const step = file.nextSteps.find((st) => st.kind === 'message' && st.messageId === m.id);
      const form = messageForm(file.rootProcessInstanceKey, m, actionStatus, `pageView=${pageView}`, () => {
        actionStatus.textContent = ct('case.actionDone');
        window.setTimeout(reload, 800);
      });
      // What may happen at any time (a cessazione) stays folded; what the case waits for is open.
      const optional = step?.kind === 'message' && step.optional;
      next.querySelector(`[data-message="${CSS.escape(m.id)}"]`)?.append(optional ? h('details', { class: 'case-action-details' }, h('summary', {}, ct('case.next.openForm')), form) : form);
    }
  }

  let viewer = await drawPhase(diagram, number, file.diagram);
  // The phase shown is a sub-case: the whole procedure, with the call activity it sits in, is one click away.
  if (file.overview) {
    const choices = [
      { label: ct('case.diagram.phase', { procedure: file.diagram.procedure }), d: file.diagram },
      { label: ct('case.diagram.overview', { procedure: file.overview.procedure }), d: file.overview },
    ];
    const buttons = choices.map((c, i) =>
      h('button', { type: 'button', class: 'button', 'aria-pressed': i === 0 ? 'true' : 'false', onclick: async () => {
        buttons.forEach((b, j) => b.setAttribute('aria-pressed', String(i === j)));
        viewer?.viewer.destroy();
        viewer = await drawPhase(diagram, number, c.d);
      } }, c.label),
    );
    diagramSwitch.append(...buttons);
  }
  return () => {
    for (const stop of stopFollowing) stop();
    viewer?.viewer.destroy();
    main.classList.remove('main--wide');
  };
}

/** The diagram of the phase, its state drawn, zoomed where the case is; a call activity opens its sub-case. */
async function drawPhase(container: HTMLElement, number: string, shown: CaseDiagram): Promise<StatusViewer | undefined> {
  const xml = await api.get<string>(`/api/processes/${encodeURIComponent(shown.processDefinitionKey)}/xml`).catch(() => undefined);
  if (!xml) return undefined;
  const viewer = await createStatusViewer(container, xml);
  viewer.statusOverlay.show(shown.elements);
  viewer.pathHighlight.show(shown);
  const canvas = viewer.viewer.get('canvas') as Parameters<typeof focusOnElements>[0] & { addMarker(id: string, cls: string): void };
  const registry = viewer.viewer.get('elementRegistry') as Parameters<typeof focusOnElements>[1];
  const called = new Map(shown.calledInstances.map((c) => [c.callActivityId, c.processInstanceKey]));
  for (const id of called.keys()) if (registry.get(id)) canvas.addMarker(id, 'hr-link');
  const scale = focusOnElements(canvas, registry, shown.focusElementIds);
  container.dataset.scale = scale.toFixed(2);
  container.dataset.focus = shown.focusElementIds.join(',');
  container.dataset.instance = shown.processInstanceKey;
  const eventBus = viewer.viewer.get('eventBus') as { on(event: string, cb: (e: { element: { id: string; type: string } }) => void): void };
  eventBus.on('element.click', (e) => {
    const target = e.element.type === 'bpmn:CallActivity' ? called.get(e.element.id) : undefined;
    if (target) location.hash = caseHref(number, target);
  });
  return viewer;
}
