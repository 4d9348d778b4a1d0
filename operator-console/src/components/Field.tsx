import type { ComponentChildren } from 'preact';

interface TextProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  testId: string;
  type?: 'text' | 'url' | 'number' | 'password' | 'email';
  hint?: ComponentChildren;
  error?: string | null;
  rows?: number;
  placeholder?: string;
  required?: boolean;
  step?: string;
}

// Preact 11 types <input> as a union keyed by `type`, so each literal is spelled out once here.
function inputType(type: NonNullable<TextProps['type']>, step?: string) {
  switch (type) {
    case 'number':
      return { type: 'number' as const, step };
    case 'url':
      return { type: 'url' as const };
    case 'email':
      return { type: 'email' as const };
    case 'password':
      return { type: 'password' as const, autoComplete: 'new-password' };
    default:
      return { type: 'text' as const };
  }
}

/** A labelled text input (or textarea when `rows` is given) with hint and error. */
export function TextField({ label, value, onValue, testId, type = 'text', hint, error, rows, placeholder, required, step }: TextProps) {
  const cls = `input ${error ? 'is-invalid' : ''}`;
  const invalid = error ? true : undefined;
  return (
    <label class="field">
      <span class="field__label">{label}</span>
      {rows ? (
        <textarea class={cls} data-testid={testId} value={value} placeholder={placeholder} required={required} aria-invalid={invalid} rows={rows} onInput={(e) => onValue(e.currentTarget.value)} />
      ) : (
        <input class={cls} data-testid={testId} value={value} placeholder={placeholder} required={required} aria-invalid={invalid} {...inputType(type, step)} onInput={(e) => onValue(e.currentTarget.value)} />
      )}
      {error ? <span class="field__error">{error}</span> : hint && <span class="field__hint">{hint}</span>}
    </label>
  );
}

interface ToggleProps {
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  testId: string;
  hint?: string;
}

/** A switch-styled checkbox with a label and optional hint. */
export function Toggle({ label, checked, onChecked, testId, hint }: ToggleProps) {
  return (
    <label class="toggle">
      <input type="checkbox" role="switch" data-testid={testId} checked={checked} onChange={(e) => onChecked(e.currentTarget.checked)} />
      <span class="toggle__track" aria-hidden="true" />
      <span class="toggle__text">
        <span>{label}</span>
        {hint && <span class="field__hint">{hint}</span>}
      </span>
    </label>
  );
}

/** A titled group of fields. */
export function Fieldset({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class="fieldset">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
