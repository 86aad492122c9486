import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { signIn } from '../session.js';

export function signInView(main: HTMLElement, onSignedIn: () => void): void {
  const error = h('p', { class: 'message message--error', role: 'alert', hidden: true });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, t('signIn.title')),
    h('label', { for: 'username' }, t('signIn.username')),
    username,
    h('label', { for: 'password' }, t('signIn.password')),
    password,
    error,
    h('button', { type: 'submit', class: 'button button--primary' }, t('signIn.submit')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      await signIn(username.value, password.value);
      onSignedIn();
    } catch (err) {
      error.textContent = t('signIn.failed', { detail: err instanceof ApiError ? err.detail : String(err) });
      error.hidden = false;
      password.focus();
    }
  });
  main.append(form);
  username.focus();
}
