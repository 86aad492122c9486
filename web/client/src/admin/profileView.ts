import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';

interface Profile {
  username: string;
  displayName: string;
  email: string | null;
  notifyTasks: boolean;
}

/** The user's own settings: an e-mail address and the opt-in to an e-mail for each new task of their groups. */
export async function profileView(main: HTMLElement): Promise<void> {
  const profile = await api.get<Profile>('/api/profile');
  const email = h('input', { id: 'profile-email', type: 'email', value: profile.email ?? '', autocomplete: 'email' });
  const notify = h('input', { id: 'profile-notify', type: 'checkbox', checked: profile.notifyTasks });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'profile-message' });
  const form = h(
    'form',
    { class: 'card sign-in', id: 'profile-form', 'aria-labelledby': 'profile-title' },
    h('h1', { id: 'profile-title' }, t('profile.title')),
    h('p', {}, `${profile.displayName} (${profile.username})`),
    h('label', { for: 'profile-email' }, t('profile.email')),
    email,
    h('label', { for: 'profile-notify' }, notify, ` ${t('profile.notify')}`),
    h('button', { type: 'submit', class: 'button button--primary' }, t('profile.save')),
    message,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const saved = await api.patch<Profile>('/api/profile', { email: email.value.trim() || null, notifyTasks: notify.checked });
      notify.checked = saved.notifyTasks;
      message.className = 'message message--ok';
      message.textContent = t('profile.saved');
    } catch (error) {
      message.className = 'message message--error';
      message.textContent = t('error.generic', { detail: error instanceof ApiError ? error.detail : String(error) });
    }
  });
  main.append(form, passwordForm(profile.username));
}

/** One's own password: the current one again, the new one twice. The server then ends every other session. */
function passwordForm(username: string): HTMLFormElement {
  const current = h('input', { id: 'password-current', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'password-new', type: 'password', autocomplete: 'new-password', required: true, minLength: 10 });
  const repeat = h('input', { id: 'password-repeat', type: 'password', autocomplete: 'new-password', required: true, minLength: 10 });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'password-message' });
  const form = h(
    'form',
    { class: 'card sign-in', id: 'password-form', 'aria-labelledby': 'password-title' },
    h('h2', { id: 'password-title' }, t('profile.passwordTitle')),
    // a hidden username lets password managers file the new password under the right account
    h('input', { type: 'text', autocomplete: 'username', value: username, hidden: true, readOnly: true }),
    h('label', { for: 'password-current' }, t('profile.passwordCurrent')),
    current,
    h('label', { for: 'password-new' }, t('profile.passwordNew')),
    next,
    h('label', { for: 'password-repeat' }, t('profile.passwordRepeat')),
    repeat,
    h('button', { type: 'submit', class: 'button button--primary' }, t('profile.passwordChange')),
    message,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (next.value !== repeat.value) {
      message.className = 'message message--error';
      message.textContent = t('profile.passwordMismatch');
      repeat.focus();
      return;
    }
    try {
      const res = await api.put<{ otherSessionsEnded: number }>('/api/profile/password', { currentPassword: current.value, newPassword: next.value });
      form.reset();
      message.className = 'message message--ok';
      message.textContent = t('profile.passwordChanged', { sessions: String(res.otherSessionsEnded) });
    } catch (error) {
      message.className = 'message message--error';
      message.textContent = t('error.generic', { detail: error instanceof ApiError ? error.detail : String(error) });
    }
  });
  return form;
}
