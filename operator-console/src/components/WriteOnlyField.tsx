import { useState } from 'preact/hooks';
import { TextField } from './Field';

interface Props {
  label: string;
  testId: string;
  /** Whether a value is stored (the value itself never comes back). */
  isSet: boolean;
  value: string;
  onValue: (value: string) => void;
  hint: string;
  error?: string | null;
  /** A JSON textarea (headers) rather than a password input. */
  rows?: number;
  placeholder?: string;
}

/**
 * A write-only secret: when one is stored it shows "set" and a Replace button, never the value;
 * blank keeps what is stored.
 */
export function WriteOnlyField({ label, testId, isSet, value, onValue, hint, error, rows, placeholder }: Props) {
  const [replacing, setReplacing] = useState(false);
  if (isSet && !replacing && !value) {
    return (
      <div class="field">
        <span class="field__label">{label}</span>
        <span class="write-only">
          <span class="badge badge--active" data-testid={`${testId}-state`}>
            set
          </span>
          <button type="button" class="btn btn--sm" data-testid={`${testId}-replace`} aria-label={`Replace ${label.toLowerCase()}`} onClick={() => setReplacing(true)}>
            Replace
          </button>
        </span>
        {error ? <span class="field__error">{error}</span> : <span class="field__hint">Stored encrypted and never shown again.</span>}
      </div>
    );
  }
  return (
    <TextField
      label={label}
      testId={testId}
      type={rows ? 'text' : 'password'}
      rows={rows}
      value={value}
      onValue={onValue}
      error={error}
      placeholder={placeholder}
      hint={isSet ? 'Leave blank to keep the stored one.' : hint}
    />
  );
}
