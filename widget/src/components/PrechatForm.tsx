import type { InputHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LeadFieldValue, PrechatFieldDto } from '../../../shared/src/index';
import { checkLeadValue, type LeadValueProblem } from '../../../shared/src/lead-values';
import { useWidget } from '../hooks/useWidget';

type Problems = Record<string, LeadValueProblem>;

type InputKind = InputHTMLAttributes<HTMLInputElement>;
const INPUT: Partial<Record<PrechatFieldDto['type'], InputKind>> = {
  email: { type: 'email', inputMode: 'email', autoComplete: 'email' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
  number: { type: 'text', inputMode: 'decimal' },
};

/** What a value the server refused is most likely wrong with, by the field's type. */
const TYPE_PROBLEM: Record<PrechatFieldDto['type'], LeadValueProblem> = { string: 'empty', email: 'not_email', phone: 'not_phone', number: 'not_number', boolean: 'not_boolean', enum: 'not_option' };

const TEXT: InputKind = { type: 'text' };

const inputId = (key: string) => `sb-pre-${key}`;
const errorId = (key: string) => `sb-pre-${key}-error`;

/** Checks the form as the server will (shared rules): the values to send, or the problems by key. */
function check(fields: PrechatFieldDto[], values: Record<string, string | boolean>): { values: Record<string, LeadFieldValue>; problems: Problems } {
  const out: Record<string, LeadFieldValue> = {};
  const problems: Problems = {};
  for (const field of fields) {
    const raw = values[field.key] ?? (field.type === 'boolean' ? false : '');
    if (raw === '') {
      if (field.required) problems[field.key] = 'empty';
      continue;
    }
    const checked = checkLeadValue(field, raw);
    if (checked.ok) out[field.key] = checked.value;
    else problems[field.key] = checked.problem;
  }
  return { values: out, problems };
}

/**
 * The agent's pre-chat questions, in place of the composer until they are answered
 * (`fields:submit`). Errors sit under their field, are announced, and focus moves to the first.
 */
export function PrechatForm({ fields, takeFocus }: { fields: PrechatFieldDto[]; takeFocus: boolean }) {
  const { controller, t } = useWidget();
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // The form usually replaces the composer after the panel opened (the snapshot comes later), and
  // the focus went with it: it moves to the first question unless it is somewhere else by now.
  useEffect(() => {
    const el = form.current;
    const active = (el?.getRootNode() as ShadowRoot | Document | undefined)?.activeElement;
    if (takeFocus && el && (!active || el.parentElement?.contains(active))) el.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  const focusFirst = (found: Problems): void => {
    const first = fields.find((f) => found[f.key]);
    if (first) form.current?.querySelector<HTMLElement>(`#${inputId(first.key)}`)?.focus();
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const checked = check(fields, values);
    setProblems(checked.problems);
    setFailure(null);
    if (Object.keys(checked.problems).length) return focusFirst(checked.problems);
    setBusy(true);
    const error = await controller.submitPrechat(checked.values);
    setBusy(false);
    if (!error) return;
    // The server names the field it refused (`fields.<key>`): shown there, in the visitor's language.
    const key = error.field?.startsWith('fields.') ? error.field.slice('fields.'.length) : '';
    const field = fields.find((f) => f.key === key);
    if (!field) return setFailure(error.message);
    const found = { [field.key]: TYPE_PROBLEM[field.type] };
    setProblems(found);
    focusFirst(found);
  };

  const set = (key: string, value: string | boolean): void => setValues((v) => ({ ...v, [key]: value }));

  return (
    <form ref={form} class="sb-prechat" data-testid="prechat-form" aria-label={t.prechatIntro} onSubmit={submit} noValidate>
      <p class="sb-card-title">{t.prechatIntro}</p>
      {fields.map((field) => {
        const problem = problems[field.key];
        const invalid = problem !== undefined;
        const described = invalid ? errorId(field.key) : undefined;
        const label = field.required ? field.label : `${field.label} ${t.prechatOptional}`;
        if (field.type === 'boolean') {
          return (
            <div key={field.key} class="sb-prechat-field">
              <label class="sb-check">
                <input id={inputId(field.key)} type="checkbox" checked={values[field.key] === true} aria-describedby={described} onChange={(e) => set(field.key, e.currentTarget.checked)} />
                {label}
              </label>
            </div>
          );
        }
        const common = { id: inputId(field.key), class: 'sb-input', required: field.required, 'aria-invalid': invalid, 'aria-describedby': described };
        return (
          <div key={field.key} class="sb-prechat-field">
            <label class="sb-field-label" for={inputId(field.key)}>
              {label}
            </label>
            {field.type === 'enum' ? (
              <select {...common} value={String(values[field.key] ?? '')} onChange={(e) => set(field.key, e.currentTarget.value)}>
                <option value="">{t.prechatChoose}</option>
                {(field.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input {...common} {...(INPUT[field.type] ?? TEXT)} maxLength={500} value={String(values[field.key] ?? '')} onInput={(e) => set(field.key, e.currentTarget.value)} />
            )}
            {problem && (
              <p id={errorId(field.key)} class="sb-error" role="alert">
                {t.prechatErrors[problem]}
              </p>
            )}
          </div>
        );
      })}
      {failure && (
        <p class="sb-error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" class="sb-chip sb-primary" data-testid="prechat-submit" disabled={busy}>
        {t.prechatSubmit}
      </button>
    </form>
  );
}
