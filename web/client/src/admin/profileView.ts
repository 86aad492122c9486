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
  main.append(form);
}
