/** Builders for the @vscode-elements controls the dashboard uses, with their labels set for screen readers. */
import { h } from './dom';

export function button(label: string, onClick: () => void, opts: { icon?: string; secondary?: boolean; ariaLabel?: string } = {}): HTMLElementTagNameMap['vscode-button'] {
  const b = h('vscode-button', { attrs: { icon: opts.icon, secondary: opts.secondary, 'aria-label': opts.ariaLabel ?? label }, on: { click: onClick } }, label);
  return b;
}

export function select(label: string, options: readonly { value: string; label: string }[], value: string, onChange: (v: string) => void): HTMLElementTagNameMap['vscode-single-select'] {
  const el = h(
    'vscode-single-select',
    { attrs: { 'aria-label': label, title: label } },
    ...options.map((o) => h('vscode-option', { attrs: { value: o.value, selected: o.value === value } }, o.label)),
  );
  el.label = label;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

export function textfield(label: string, value: string, opts: { type?: 'text' | 'number'; placeholder?: string; onInput?: (v: string) => void } = {}): HTMLElementTagNameMap['vscode-textfield'] {
  const el = h('vscode-textfield', { attrs: { 'aria-label': label, title: label, type: opts.type ?? 'text', placeholder: opts.placeholder, value } });
  el.label = label;
  if (opts.onInput) {
    const cb = opts.onInput;
    el.addEventListener('input', () => cb(el.value));
  }
  return el;
}

/** A labelled form row: <label for> does not reach into shadow DOM, so the label is visual and aria-label carries the name. */
export function field(label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('span', { class: 'field-label', attrs: { 'aria-hidden': 'true' } }, label), control);
}

export function icon(name: string, label?: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, attrs: label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': 'true' } });
}
