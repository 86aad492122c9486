import type { CaseFile, NextStep, SubCase } from '../../../shared/caseFileTypes.js';
import { h } from '../dom.js';
import { formatDate, formatDateTime } from '../i18n/i18n.js';
import { actionLabel } from '../audit/auditActionLabel.js';
import { deadlineBadge } from '../tasks/taskListView.js';
import { groupLabel } from '../tasks/taskMessages.js';
import { caseHref, ct } from './caseMessages.js';

/** A titled section of the case page. */
export function section(id: string, title: string, ...content: Array<Node | null>): HTMLElement {
  return h('section', { class: 'case-section', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...content);
}

const empty = (text: string) => h('p', { class: 'empty' }, text);

export function summaryList(file: CaseFile): HTMLElement {
  const s = file.summary;
  const row = (label: string, value: string, id?: string) => [h('dt', {}, label), h('dd', id ? { id } : {}, value)];
  const state = `${ct(`state.${s.state}`)}${s.hasIncident ? ` – ${ct('case.incident')}` : ''}`;
  return h(
    'dl',
    { class: 'case-facts', id: 'case-summary' },
    ...row(ct('cases.procedure'), s.procedure, 'case-procedure'),
    ...(s.comuni.length ? row(ct('cases.comune'), s.comuni.map((c) => (c.nome ? `${c.nome} (${c.codiceIstat})` : c.codiceIstat)).join(', ')) : []),
    ...s.parties.flatMap((p) => row(p.role, p.name)),
    ...row(ct('case.phase'), s.phase, 'case-phase'),
    ...row(ct('case.stateLabel'), state, 'case-state'),
    ...(s.startDate ? row(ct('cases.started'), formatDateTime(s.startDate)) : []),
    ...(s.endDate ? row(ct('cases.ended'), formatDateTime(s.endDate)) : []),
  );
}

/** One step of "what happens next", in words, with the link to the task. */
function nextStepItem(step: NextStep, comuni: Map<string, string>): HTMLElement | null {
  const phase = 'phase' in step && step.phase ? h('span', { class: 'hint' }, ` – ${ct('case.next.phase', { phase: step.phase })}`) : null;
  switch (step.kind) {
    case 'task': {
      const who = step.assignee ? ct('case.next.assignee', { name: step.assignee }) : ct('case.next.groups', { groups: [...step.candidateGroups.map((g) => groupLabel(g, comuni)), ...step.candidateUsers].join(', ') });
      return h(
        'li',
        { class: 'next-step next-step--task', 'data-task': step.userTaskKey },
        h('a', { href: `#/tasks/${encodeURIComponent(step.userTaskKey)}` }, ct('case.next.task', { name: step.name })),
        ' – ',
        who,
        step.dueDate ? ` – ${ct('case.next.due', { date: formatDate(step.dueDate) })}` : '',
        step.mine ? h('strong', { class: 'badge' }, ` ${ct('case.next.mine')}`) : null,
        phase,
      );
    }
    case 'message':
      return h('li', { class: 'next-step next-step--message', 'data-message': step.messageId }, ct('case.next.message', { label: step.label, who: step.who }), step.mayDeliver ? h('strong', { class: 'badge' }, ` ${ct('case.next.mine')}`) : null);
    case 'automatic':
      return h('li', { class: 'next-step' }, ct('case.next.automatic', { name: step.name }), phase);
    case 'waiting':
      return h('li', { class: 'next-step' }, ct('case.next.waiting', { name: step.name }), phase);
    case 'incident':
      return h('li', { class: 'next-step next-step--incident' }, ct('case.next.incident', { name: step.name, message: step.message }), phase);
    case 'closed':
      return h('li', { class: 'next-step' }, step.state === 'TERMINATED' ? ct('case.next.terminated') : step.outcome ? ct('case.next.closedWith', { outcome: step.outcome }) : ct('case.next.closed'));
  }
}

export function nextStepsList(steps: NextStep[], comuni: Map<string, string>): HTMLElement {
  const list = h('ul', { class: 'plain', id: 'case-next-steps' }, ...steps.map((s) => nextStepItem(s, comuni)));
  if (steps.length === 0) list.append(h('li', { class: 'empty' }, ct('case.next.none')));
  return list;
}

export function deadlineList(file: CaseFile): HTMLElement {
  if (file.deadlines.length === 0) return empty(ct('case.noDeadlines'));
  return h(
    'ul',
    { class: 'plain', id: 'case-deadlines' },
    ...file.deadlines.map((d) =>
      h(
        'li',
        { 'data-variable': d.variable },
        h('strong', {}, d.siteName ?? d.kind ?? d.variable),
        ' ',
        deadlineBadge(d),
        d.legalSource ? h('div', { class: 'legal-source' }, `${ct('case.legalSource')}: ${d.legalSource}`) : null,
        d.lastDay ? h('div', { class: 'hint' }, ct('case.lastDay', { date: formatDate(d.lastDay) })) : null,
      ),
    ),
  );
}

export function subCaseTree(ref: string, subCases: SubCase[]): HTMLElement {
  if (subCases.length === 0) return empty(ct('case.noSubCases'));
  const item = (s: SubCase): HTMLElement =>
    h(
      'li',
      { 'data-instance': s.processInstanceKey },
      h('a', { href: caseHref(ref, s.processInstanceKey) }, s.procedure),
      ` – ${ct(`state.${s.state}`)}`,
      s.callActivityName ? h('span', { class: 'hint' }, ` – ${ct('case.subCase.from', { name: s.callActivityName })}`) : null,
      s.startDate ? h('span', { class: 'hint' }, ` – ${formatDateTime(s.startDate)}${s.endDate ? ` → ${formatDateTime(s.endDate)}` : ''}`) : null,
      s.children.length ? h('ul', { class: 'case-tree' }, ...s.children.map(item)) : null,
    );
  return h('ul', { class: 'case-tree', id: 'case-subcases' }, ...subCases.map(item));
}

export function documentTable(file: CaseFile): HTMLElement {
  if (file.documents.length === 0) return empty(ct('case.noDocuments'));
  const head = [ct('case.document.name'), ct('case.document.date'), ct('case.document.sha')];
  return h(
    'table',
    { class: 'table table--stacked', id: 'case-documents' },
    h('thead', {}, h('tr', {}, ...head.map((l) => h('th', { scope: 'col' }, l)))),
    h(
      'tbody',
      {},
      ...file.documents.map((d) =>
        h(
          'tr',
          {},
          h('td', { 'data-label': head[0] }, h('a', { href: d.href, download: d.name }, d.name)),
          h('td', { 'data-label': head[1] }, formatDateTime(d.createdAt)),
          h('td', { 'data-label': head[2] }, h('code', { class: 'sha' }, d.sha256)),
        ),
      ),
    ),
  );
}

export function timelineList(file: CaseFile): HTMLElement {
  if (file.timeline.length === 0) return empty(ct('case.noTimeline'));
  return h(
    'ol',
    { class: 'case-timeline', id: 'case-timeline' },
    ...file.timeline.map((e) =>
      h(
        'li',
        { 'data-action': e.action },
        h('time', { datetime: e.at }, formatDateTime(e.at)),
        ' ',
        h('strong', {}, actionLabel(e.action)),
        e.what ? `: ${e.what}` : '',
        h('span', { class: 'hint' }, ` – ${ct('case.timeline.by', { who: e.who })}`),
        e.legalRule ? h('div', { class: 'legal-source' }, `${ct('case.legalSource')}: ${e.legalRule}`) : null,
      ),
    ),
  );
}

export function dataList(file: CaseFile): HTMLElement {
  if (file.data.length === 0) return empty(ct('case.noData'));
  return h(
    'dl',
    { class: 'case-facts', id: 'case-data' },
    ...file.data.flatMap((f) => [
      h('dt', {}, f.label),
      h('dd', { 'data-key': f.key }, f.items ? h('ul', { class: 'case-items' }, ...f.items.map((i) => h('li', {}, i))) : f.value),
    ]),
  );
}
