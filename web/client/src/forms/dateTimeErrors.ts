import { formViewerEn, formViewerIt } from '../i18n/formViewerMessages.js';
import type { Lang } from '../i18n/i18n.js';

/**
 * A date+time field of form-js (`datetime` with subtype `datetime`) is one field with two inputs and one error
 * line: with the date given and the time missing it marks both inputs red and writes "Field is required."
 * under the date, as if the date were wrong. Here, once form-js has validated, the field says which half is
 * missing (`data-missing="time"` or `"date"`), the error line names that half, and tasks.css keeps the red on
 * that input only and moves the line under it. The field's value and validation stay form-js's own.
 */
export function placeDateTimeErrors(container: HTMLElement, lang: Lang): () => void {
  const words = lang === 'it' ? formViewerIt : formViewerEn;
  const mark = () => {
    for (const field of container.querySelectorAll<HTMLElement>('.fjs-form-field-datetime')) {
      const date = field.querySelector<HTMLInputElement>('.fjs-datepicker input.fjs-input');
      const time = field.querySelector<HTMLInputElement>('.fjs-timepicker input.fjs-input');
      const missing = field.classList.contains('fjs-has-errors') && date && time ? (date.value && !time.value ? 'time' : !date.value && time.value ? 'date' : '') : '';
      if ((field.dataset.missing ?? '') !== missing) {
        if (missing) field.dataset.missing = missing;
        else delete field.dataset.missing;
      }
      if (!missing) continue;
      const text = words[missing === 'time' ? 'formViewer.error.missingTime' : 'formViewer.error.missingDate'];
      for (const item of field.querySelectorAll('.fjs-form-field-error li')) {
        // the text node's data, not the node: Preact keeps diffing the node it created
        const node = [...item.childNodes].find((n): n is Text => n instanceof Text && n.data.trim() !== '');
        if (node && node.data !== text) node.data = text;
      }
    }
  };
  const observer = new MutationObserver(() => {
    mark();
    observer.takeRecords();
  });
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  // typing the missing half changes no DOM until form-js validates again: look on every edit too
  container.addEventListener('input', mark, true);
  container.addEventListener('change', mark, true);
  mark();
  return () => {
    observer.disconnect();
    container.removeEventListener('input', mark, true);
    container.removeEventListener('change', mark, true);
  };
}
