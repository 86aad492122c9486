import type { CaseFile, NextStep } from '../../../shared/caseFileTypes.js';
import { comuneNames } from '../comuni.js';
import { clear, h } from '../dom.js';
import { caseHref, ct } from './caseMessages.js';
import { nextStepsList } from './caseSections.js';
import { fetchCaseFile } from './caseView.js';

const ATTEMPTS = 12;
const INTERVAL_MS = 1000;

type MyTask = Extract<NextStep, { kind: 'task' }>;

/**
 * After a task is completed: what comes next for the same user. The engine and the workers may take a
 * moment to reach the next step, so the case is read again a few times until this user has a task on it;
 * meanwhile (and if none comes) the case's "what happens next" is shown, with the link to its page.
 */
export function showWhatComesNext(container: HTMLElement, ref: string, completedTaskKey: string): () => void {
  let stopped = false;
  const pageView = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  container.hidden = false;
  const render = (file: CaseFile, comuni: Map<string, string>, mine: MyTask | undefined) => {
    clear(container);
    container.append(h('h2', { id: 'after-title' }, ct('after.title')));
    if (mine) {
      container.append(h('p', { id: 'after-next-task' }, ct('after.yourNext'), h('a', { href: `#/tasks/${encodeURIComponent(mine.userTaskKey)}` }, mine.name)));
    } else {
      container.append(h('p', { class: 'hint' }, ct('after.waiting')), nextStepsList(file.nextSteps.filter((s) => !(s.kind === 'task' && s.userTaskKey === completedTaskKey)), comuni));
    }
    container.append(h('p', {}, h('a', { href: caseHref(file.caseNumber ?? ref), id: 'after-case' }, ct('after.case', { number: file.caseNumber ?? ref }))));
  };
  void (async () => {
    const comuni = await comuneNames();
    for (let attempt = 0; attempt < ATTEMPTS && !stopped; attempt++) {
      const file = await fetchCaseFile(ref, undefined, pageView).catch(() => undefined);
      if (stopped) return;
      if (file) {
        const mine = file.nextSteps.find((s): s is MyTask => s.kind === 'task' && s.mine && s.userTaskKey !== completedTaskKey);
        render(file, comuni, mine);
        if (mine) return;
      }
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
  })();
  return () => {
    stopped = true;
  };
}
