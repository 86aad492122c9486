import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import '@camunda/linting/assets/linting.css';
import './styles.css';
import { ApiError } from './api.js';
import { profileView } from './admin/profileView.js';
import { usersView } from './admin/usersView.js';
import { formEditorView, formListView } from './forms/formEditorView.js';
import { auditInstanceView } from './audit/auditInstanceView.js';
import { auditSearchView } from './audit/auditSearchView.js';
import { showAuditAlarm } from './audit/auditAlarmBanner.js';
import { caseListView } from './cases/caseListView.js';
import { caseView } from './cases/caseView.js';
import { clear, h } from './dom.js';
import { currentLang, setLang, t } from './i18n/i18n.js';
import { currentUser, hasRole, loadSession, signOut } from './session.js';
import { definitionView } from './views/definitionView.js';
import { instanceListView } from './views/instanceListView.js';
import { instanceView } from './views/instanceView.js';
import { modelerView } from './views/modelerView.js';
import { processListView } from './views/processListView.js';
import { signInView } from './views/signInView.js';
import { startInstanceView } from './views/startInstanceView.js';
import { deadlineRegisterView } from './tasks/deadlineRegisterView.js';
import { newRequestView } from './requests/newRequestView.js';
import { requestQueueView } from './requests/requestQueueView.js';
import { paintBadge, startTaskNotifications, stopTaskNotifications } from './tasks/taskNotifications.js';
import { taskListView } from './tasks/taskListView.js';
import { taskView } from './tasks/taskView.js';
import { monitoringView } from './monitoring/monitoringView.js';

const header = document.getElementById('app-header')!;
const main = document.getElementById('main')!;
const skipLink = document.getElementById('skip-link');
// The views live in the hash, so following href="#main" would route to a page that does not exist.
skipLink?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
let leave: (() => void) | void;
// "Altro" closes on a click anywhere else (one listener for the page; the header is redrawn on every route)
document.addEventListener('click', (e) => {
  const button = document.getElementById('nav-more');
  const list = document.getElementById('nav-more-list');
  if (!button || !list || list.hidden || button.contains(e.target as Node) || list.contains(e.target as Node)) return;
  list.hidden = true;
  button.setAttribute('aria-expanded', 'false');
});

/**
 * One line at desktop width: the brand, the everyday links, "Altro" (a disclosure holding the designers',
 * auditors' and administrators' pages and the profile) and the user. Below 900 px the links and the user
 * fold behind a "Menu" button, so the header is one short bar on a phone. A new page's link goes in
 * `primary` only if every role uses it daily; otherwise in `secondary`, so the line keeps fitting.
 */
function renderHeader(): void {
  clear(header);
  header.classList.remove('app-header--open');
  document.title = t('app.title');
  if (skipLink) skipLink.textContent = t('nav.skip');
  const user = currentUser();
  const link = (href: string, label: string) => h('li', {}, h('a', { href }, label));
  header.append(h('a', { href: '#/', class: 'brand' }, t('app.brand'), h('span', { class: 'brand-rest' }, t('app.brandRest'))));
  // signed out there is only the language switch: it stays in the bar, no menu to open
  const panel = h('div', { class: user ? 'nav-panel' : 'nav-panel nav-panel--bare', id: 'nav-panel' });
  if (user) {
    const staff = hasRole('provincia', 'comune', 'auditor', 'admin');
    const primary = [
      link('#/', t('nav.processes')),
      staff ? link('#/tasks', t('nav.tasks')) : null,
      staff ? link('#/pratiche', t('nav.cases')) : null,
      staff ? link('#/scadenzario', t('nav.deadlines')) : null,
      staff ? link('#/monitoraggio', t('nav.monitoring')) : null,
      hasRole('comune') ? link('#/richieste/nuova', t('nav.newRequest')) : hasRole('provincia', 'admin') ? link('#/richieste', t('nav.incomingRequests')) : null,
    ];

    // the engine's own instance list is for operators; daily work goes through Pratiche
    const secondary = [
      staff ? link('#/instances', t('nav.instances')) : null,
      hasRole('designer', 'admin') ? link('#/modeler?new=1', t('nav.modeler')) : null,
      hasRole('designer', 'admin') ? link('#/forms', t('nav.forms')) : null,
      hasRole('auditor', 'admin') ? link('#/audit', t('nav.audit')) : null,
      hasRole('admin') ? link('#/users', t('nav.users')) : null,
      link('#/profile', t('nav.profile')),
    ];
    const moreList = h('ul', { class: 'nav-more-list', id: 'nav-more-list', hidden: true }, ...secondary);
    const moreButton = h('button', { type: 'button', class: 'link nav-more-button', id: 'nav-more', 'aria-expanded': 'false', 'aria-controls': 'nav-more-list' }, t('nav.more'));
    const setMore = (open: boolean) => {
      moreButton.setAttribute('aria-expanded', String(open));
      moreList.hidden = !open;
    };
    moreButton.addEventListener('click', () => setMore(moreList.hidden));
    moreList.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        setMore(false);
        moreButton.focus();
      }
    });
    panel.append(h('nav', { 'aria-label': t('nav.main') }, h('ul', {}, ...primary, h('li', { class: 'nav-more' }, moreButton, moreList))));
    const toggle = h('button', { type: 'button', class: 'button nav-toggle', id: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': 'nav-panel' }, t('nav.menu'));
    toggle.addEventListener('click', () => {
      const open = !header.classList.contains('app-header--open');
      header.classList.toggle('app-header--open', open);
      toggle.setAttribute('aria-expanded', String(open));
    });
    header.append(toggle);
  }
  const switchLanguage = () => {
    setLang(currentLang() === 'it' ? 'en' : 'it');
    void route();
  };
  const leaveSession = async () => {
    stopTaskNotifications();
    await signOut();
    await route();
  };
  panel.append(
    h(
      'div',
      { class: 'user' },
      h('button', { type: 'button', class: 'link', id: 'language', 'aria-label': t('nav.languageLabel'), onclick: switchLanguage }, t('nav.language')),
      user ? h('span', { class: 'who', title: whoLabel(user.displayName, user.roles) }, whoLabel(user.displayName, user.roles)) : null,
      user ? h('button', { type: 'button', class: 'button', id: 'sign-out', onclick: () => void leaveSession() }, t('nav.signOut')) : null,
    ),
  );
  header.append(panel);
}

/** "Name (roles)", without repeating a role the display name already is (Amministratore, Revisore). */
function whoLabel(displayName: string, roles: string[]): string {
  const labels = roles.filter((r) => !r.includes('-')).map((r) => t(`role.${r}` as never)).filter((label) => label.toLowerCase() !== displayName.toLowerCase());
  return labels.length ? `${displayName} (${labels.join(', ')})` : displayName;
}

async function route(): Promise<void> {
  leave?.();
  leave = undefined;
  clear(main);
  renderHeader();
  if (!currentUser()) {
    signInView(main, () => void route());
    return;
  }
  if (hasRole('provincia', 'comune')) startTaskNotifications();
  paintBadge();
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  const view = h('div', { class: 'view', 'aria-busy': 'true' });
  main.append(view);
  if (hasRole('auditor', 'admin')) showAuditAlarm(main);
  try {
    if (parts.length === 0 || (parts[0] === 'processes' && parts.length === 1)) await processListView(view);
    else if (parts[0] === 'processes' && parts[2] === 'start') await startInstanceView(view, parts[1]);
    else if (parts[0] === 'processes') leave = await definitionView(view, parts[1]);
    else if (parts[0] === 'pratiche' && parts.length === 1) await caseListView(view, params);
    else if (parts[0] === 'pratiche') leave = await caseView(view, decodeURIComponent(parts.slice(1).join('/')), params);
    else if (parts[0] === 'instances' && parts.length === 1) await instanceListView(view, params);
    else if (parts[0] === 'instances') leave = await instanceView(view, parts[1]);
    else if (parts[0] === 'modeler' && parts[1] === 'dmn') leave = await (await import('./views/dmnModelerView.js')).dmnModelerView(view, params);
    else if (parts[0] === 'modeler') leave = await modelerView(view, params);
    else if (parts[0] === 'audit' && parts[1] === 'instances' && parts[2]) leave = await auditInstanceView(view, parts[2]);
    else if (parts[0] === 'audit') await auditSearchView(view, params);
    else if (parts[0] === 'tasks' && parts.length === 1) leave = await taskListView(view, params);
    else if (parts[0] === 'tasks') leave = await taskView(view, parts[1]);
    else if (parts[0] === 'richieste' && parts[1] === 'nuova') await newRequestView(view);
    else if (parts[0] === 'richieste') await requestQueueView(view, params);
    else if (parts[0] === 'scadenzario') await deadlineRegisterView(view, params);
    else if (parts[0] === 'monitoraggio') leave = await monitoringView(view, params);
    else if (parts[0] === 'users') await usersView(view);
    else if (parts[0] === 'profile') await profileView(view);
    else if (parts[0] === 'forms' && parts.length === 1) await formListView(view);
    else if (parts[0] === 'forms') leave = await formEditorView(view, decodeURIComponent(parts[1]), params);
    else view.append(h('p', {}, t('error.notFound')));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await loadSession();
      return route();
    }
    const text = error instanceof ApiError && error.status === 403 ? t('error.forbidden') : error instanceof ApiError && error.status === 404 ? t('error.notFound') : t('error.generic', { detail: (error as Error).message });
    view.append(h('p', { class: 'message message--error', role: 'alert' }, text));
  }
  view.removeAttribute('aria-busy');
  const title = main.querySelector('h1');
  if (title) document.title = `${title.textContent} – ${t('app.title')}`;
}

window.addEventListener('hashchange', () => void route());
void loadSession().then(route);
