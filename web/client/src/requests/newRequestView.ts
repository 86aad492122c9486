import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { currentLang, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { RequestField, RequestKind, RequestKinds } from './requestTypes.js';
import './requests.css';

interface Filed {
  businessKey: string;
  processInstanceKey: string;
  outcome: 'started' | 'correlated';
  kind: RequestKind['id'];
}

/**
 * «Nuova richiesta»: the Comune's single point of contact with the Provincia. The user picks what to ask
 * (segnalazione to the UPD, concorso, training needs) and fills its few fields; the server takes the
 * Comune from the account and starts or joins the case.
 */
export async function newRequestView(main: HTMLElement): Promise<void> {
  const kinds = await api.get<RequestKinds>('/api/requests/kinds');
  const lang = currentLang();
  main.append(h('h1', {}, t('request.title')));
  if (!kinds.mayFile || !kinds.comune) {
    main.append(h('p', { class: 'message message--error', role: 'alert' }, t('request.notAllowed')));
    return;
  }
  main.append(
    h('p', { id: 'request-intro' }, t('request.intro', { comune: kinds.comune.nome })),
    h('p', {}, h('a', { href: '#/richieste', id: 'request-mine' }, t('request.mine'))),
  );
  const message = h('div', { class: 'message', role: 'status', 'aria-live': 'polite', id: 'request-message' });
  const choice = h(
    'fieldset',
    { class: 'request-kinds' },
    h('legend', {}, t('request.kind')),
    ...kinds.items.map((k, i) =>
      h('label', { class: 'request-kind' }, h('input', { type: 'radio', name: 'kind', value: k.id, checked: i === 0 }), ' ', k.label[lang]),
    ),
  );
  const fieldsBox = h('div', { class: 'request-fields' });
  const submit = h('button', { type: 'submit', class: 'button button--primary', id: 'request-submit' }, t('request.submit'));
  const form = h('form', { class: 'card request-form', id: 'request-form', 'aria-label': t('request.title'), novalidate: true }, choice, fieldsBox, submit);
  main.append(form, message);

  let inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  let selected = kinds.items[0];
  const fieldOf = (kind: RequestKind, f: RequestField): HTMLElement => {
    const id = `request-${kind.id}-${f.name}`;
    const common = { id, name: f.name, ...(f.required ? { required: true } : {}) };
    const input =
      f.kind === 'textarea'
        ? h('textarea', { ...common, rows: '5', ...(f.maxLength ? { maxlength: f.maxLength } : {}) })
        : f.kind === 'date'
          ? h('input', { ...common, type: 'date' })
          : f.kind === 'integer' || f.kind === 'year'
            ? h('input', { ...common, type: 'number', inputmode: 'numeric', step: 1, ...(f.min !== undefined ? { min: f.min } : {}), ...(f.max !== undefined ? { max: f.max } : {}), ...(f.kind === 'year' ? { value: new Date().getFullYear() + 1 } : {}) })
            : h('input', { ...common, type: 'text', autocomplete: 'off', ...(f.maxLength ? { maxlength: f.maxLength } : {}) });
    inputs.set(f.name, input);
    return h('div', { class: 'field' }, h('label', { for: id }, f.label[lang], f.required ? '' : ` ${t('request.optional')}`), input);
  };
  const showKind = (kind: RequestKind) => {
    selected = kind;
    inputs = new Map();
    fieldsBox.replaceChildren(...kind.fields.map((f) => fieldOf(kind, f)));
  };
  showKind(selected);
  choice.addEventListener('change', () => {
    const id = (form.elements.namedItem('kind') as RadioNodeList).value;
    const kind = kinds.items.find((k) => k.id === id);
    if (kind) showKind(kind);
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    for (const input of inputs.values()) input.removeAttribute('aria-invalid');
    const values: Record<string, string> = {};
    for (const [name, input] of inputs) if (input.value.trim() !== '') values[name] = input.value.trim();
    try {
      const filed = await api.post<Filed>('/api/requests', { kind: selected.id, values });
      message.className = 'message message--ok';
      message.setAttribute('role', 'status');
      message.replaceChildren(
        h('p', {}, t(filed.outcome === 'started' ? 'request.started' : 'request.correlated', { number: filed.businessKey }), ' ', h('a', { href: `#/instances/${filed.processInstanceKey}`, id: 'request-open' }, t('request.open'))),
        h('p', {}, t(`request.next.${filed.kind}` as MessageKey)),
      );
      message.dataset.processInstanceKey = filed.processInstanceKey;
      showKind(selected);
    } catch (error) {
      message.className = 'message message--error';
      message.setAttribute('role', 'alert');
      message.textContent = t('request.refused', { detail: error instanceof ApiError ? error.detail : String(error) });
      const invalid = error instanceof ApiError && error.field ? inputs.get(error.field) : undefined;
      if (invalid) {
        invalid.setAttribute('aria-invalid', 'true');
        invalid.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });
}
