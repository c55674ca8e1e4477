// A plain <textarea> code editor with a line-number gutter and an error marker: the line is tinted,
// its number turns red, and a mark sits under the offending column (a mirror <pre> behind the
// transparent textarea, scrolled in step). Used by the query console (J1QL) and the policy editor (YAML).

import { h } from './dom.js';

export class CodeEditor {
  constructor({ id, label, value = '', rows = 8, maxRows = 24, placeholder = '', onSubmit } = {}) {
    this.rows = rows;
    this.maxRows = maxRows;
    this.gutter = h('div', { class: 'editor-gutter-lines' });
    this.mirror = h('pre', { class: 'editor-mirror', 'aria-hidden': 'true' });
    this.textarea = h('textarea', {
      id, class: 'editor-input', rows, spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
      wrap: 'off', placeholder, 'aria-label': label,
    });
    this.textarea.value = value;
    this.message = h('p', { class: 'editor-error', role: 'alert', hidden: true });
    this.element = h('div', { class: 'editor' },
      h('div', { class: 'editor-frame' }, h('div', { class: 'editor-gutter', 'aria-hidden': 'true' }, this.gutter),
        h('div', { class: 'editor-body' }, this.mirror, this.textarea)),
      this.message);
    this.errors = [];
    this.textarea.addEventListener('input', () => { this.clearErrors(); this.#render(); });
    this.textarea.addEventListener('scroll', () => this.#syncScroll());
    this.textarea.addEventListener('keydown', e => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) { e.preventDefault(); onSubmit(); }
      if (e.key === 'Tab' && !e.shiftKey) {
        e.preventDefault();
        this.textarea.setRangeText('  ', this.textarea.selectionStart, this.textarea.selectionEnd, 'end');
        this.#render();
      }
    });
    this.#render();
  }

  get value() { return this.textarea.value; }
  set value(text) { this.textarea.value = text; this.clearErrors(); this.#render(); }

  /** errors: [{line, column, message}] (1-based). The first one gets the caret and the message. */
  showErrors(errors) {
    this.errors = errors.filter(e => e && e.line > 0);
    this.message.replaceChildren(...errors.map(e => h('span', { class: 'editor-error-item' },
      e.line > 0 ? h('button', { type: 'button', class: 'link-button', onclick: () => this.focusAt(e.line, e.column) },
        `Line ${e.line}, column ${e.column ?? 1}`) : null,
      e.line > 0 ? ': ' : '', e.message)));
    this.message.hidden = errors.length === 0;
    this.textarea.setAttribute('aria-invalid', errors.length > 0 ? 'true' : 'false');
    this.#render();
  }

  clearErrors() {
    if (this.errors.length === 0 && this.message.hidden) return;
    this.errors = [];
    this.message.hidden = true;
    this.textarea.removeAttribute('aria-invalid');
    this.#render();
  }

  focusAt(line, column = 1) {
    const lines = this.textarea.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
    offset += Math.max(0, Math.min((column ?? 1) - 1, (lines[line - 1] ?? '').length));
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset);
  }

  #render() {
    const lines = this.textarea.value.split('\n');
    // Grows with its text between rows and maxRows (20 px a line), then scrolls; the gutter follows the scroll.
    this.textarea.style.height = `${Math.min(Math.max(lines.length, this.rows), this.maxRows) * 20 + 18}px`;
    const errorLines = new Map(this.errors.map(e => [e.line, e]));
    this.gutter.replaceChildren(...lines.map((_, i) =>
      h('div', { class: errorLines.has(i + 1) ? 'gutter-line error' : 'gutter-line' }, String(i + 1))));
    this.mirror.replaceChildren(...lines.map((text, i) => {
      const error = errorLines.get(i + 1);
      if (!error) return h('div', { class: 'mirror-line' }, text || '\u200b');
      const column = Math.max(1, Math.min(error.column ?? 1, text.length + 1));
      const marked = text.slice(column - 1, column) || ' ';
      return h('div', { class: 'mirror-line error', dataset: { errorLine: i + 1 } },
        text.slice(0, column - 1), h('mark', { class: 'error-mark', title: error.message }, marked), text.slice(column));
    }));
    this.#syncScroll();
  }

  #syncScroll() {
    this.mirror.style.transform = `translate(${-this.textarea.scrollLeft}px, ${-this.textarea.scrollTop}px)`;
    this.gutter.style.transform = `translateY(${-this.textarea.scrollTop}px)`;
  }
}
