import { api, ApiError } from '../api.js';
import { comuneSearch } from '../comuni.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n/i18n.js';

interface AdminUser {
  username: string;
  displayName: string;
  roles: string[];
  comuniIstat: string[];
  active: boolean;
  email: string | null;
  notifyTasks: boolean;
}

interface Comune {
  codiceIstat: string;
  nome: string;
}

const ROLE_CHOICES = ['designer', 'provincia', 'provincia-upd', 'provincia-selezione', 'provincia-formazione', 'comune', 'auditor', 'admin'];

/** Administrators: the accounts, a new account with roles and Comune scope, deactivation, password reset. */
export async function usersView(main: HTMLElement): Promise<void> {
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'users-message' });
  const say = (text: string, kind: 'ok' | 'error') => {
    message.className = `message message--${kind}`;
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    message.textContent = text;
  };
  const failed = (error: unknown) => say(t('error.generic', { detail: error instanceof ApiError ? error.detail : String(error) }), 'error');
  const tableHolder = h('div', {});
  const comuni = (await api.get<{ items: Comune[] }>('/api/comuni')).items;
  const comuneName = new Map(comuni.map((c) => [c.codiceIstat, c.nome]));

  const render = async () => {
    const { items } = await api.get<{ items: AdminUser[] }>('/api/users');
    clear(tableHolder);
    const th = (key: Parameters<typeof t>[0]) => h('th', { scope: 'col' }, t(key));
    tableHolder.append(
      h(
        'table',
        { class: 'table', id: 'users-table' },
        h('thead', {}, h('tr', {}, th('users.username'), th('users.displayName'), th('users.roles'), th('users.comuni'), th('users.email'), th('users.state'), h('th', { scope: 'col' }, ''))),
        h('tbody', {}, ...items.map(row)),
      ),
    );
  };

  const row = (u: AdminUser) => {
    const toggle = h('button', { type: 'button', class: 'button', 'data-action': 'toggle' }, u.active ? t('users.deactivate') : t('users.activate'));
    toggle.addEventListener('click', async () => {
      try {
        await api.patch(`/api/users/${encodeURIComponent(u.username)}`, { active: !u.active });
        say(t('users.updated', { username: u.username }), 'ok');
        await render();
      } catch (error) {
        failed(error);
      }
    });
    const reset = h('button', { type: 'button', class: 'button', 'data-action': 'reset' }, t('users.resetPassword'));
    reset.addEventListener('click', async () => {
      const password = window.prompt(t('users.resetPrompt', { username: u.username }));
      if (!password) return;
      try {
        await api.patch(`/api/users/${encodeURIComponent(u.username)}`, { password });
        say(t('users.passwordReset', { username: u.username }), 'ok');
      } catch (error) {
        failed(error);
      }
    });
    return h(
      'tr',
      { 'data-username': u.username, class: u.active ? '' : 'inactive' },
      h('td', {}, h('code', {}, u.username)),
      h('td', {}, u.displayName),
      h('td', {}, u.roles.join(', ')),
      h('td', {}, u.comuniIstat.map((c) => `${comuneName.get(c) ?? c} (${c})`).join(', ')),
      h('td', {}, u.email ?? ''),
      h('td', { class: 'state' }, u.active ? t('users.active') : t('users.inactive')),
      h('td', { class: 'actions' }, toggle, reset),
    );
  };

  const field = (id: string, label: string, input: HTMLElement, hint?: string) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('small', { class: 'empty', id: `${id}-hint` }, hint) : null);
  const username = h('input', { id: 'new-username', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._-]{1,99}', autocomplete: 'off' });
  const displayName = h('input', { id: 'new-display-name', required: true });
  const password = h('input', { id: 'new-password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password' });
  const email = h('input', { id: 'new-email', type: 'email' });
  const roles = h('fieldset', { class: 'roles' }, h('legend', {}, t('users.roles')), ...ROLE_CHOICES.map((r) => h('label', {}, h('input', { type: 'checkbox', name: 'roles', value: r }), ` ${r}`)));
  const scope = h('select', { id: 'new-comuni', multiple: true, size: 6, 'aria-describedby': 'new-comuni-hint' }, ...comuni.map((c) => h('option', { value: c.codiceIstat }, `${c.nome} (${c.codiceIstat})`)));
  const scopeSearch = comuneSearch(scope);
  const form = h(
    'form',
    { class: 'card user-form', id: 'new-user', 'aria-labelledby': 'new-user-title' },
    h('h2', { id: 'new-user-title' }, t('users.create')),
    field('new-username', t('users.username'), username),
    field('new-display-name', t('users.displayName'), displayName),
    field('new-password', t('users.password'), password),
    field('new-email', t('users.email'), email),
    roles,
    field('new-comuni', t('users.comuni'), h('div', { class: 'comune-picker' }, scopeSearch.search, scope, scopeSearch.chosen), t('users.comuniHint')),
    h('button', { type: 'submit', class: 'button button--primary' }, t('users.createSubmit')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const chosen = [...roles.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
      await api.post('/api/users', {
        username: username.value.trim(),
        displayName: displayName.value.trim(),
        password: password.value,
        roles: chosen,
        comuniIstat: [...scope.selectedOptions].map((o) => o.value),
        ...(email.value.trim() ? { email: email.value.trim() } : {}),
      });
      say(t('users.created', { username: username.value.trim() }), 'ok');
      form.reset();
      await render();
    } catch (error) {
      failed(error);
    }
  });

  main.append(h('h1', {}, t('users.title')), message, tableHolder, form);
  await render();
}
