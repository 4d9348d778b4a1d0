import type { LeadFieldDto } from '../../../shared/src/contract/types';
import { emptyField, type FieldFormValues } from '../lib/agent-tools-form';
import { Fieldset, TextField, Toggle } from './Field';

const TYPES: { value: LeadFieldDto['type']; label: string }[] = [
  { value: 'string', label: 'Text' },
  { value: 'email', label: 'E-mail' },
  { value: 'phone', label: 'Phone' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'enum', label: 'Choice' },
];

interface Props {
  items: FieldFormValues[];
  onItems: (items: FieldFormValues[]) => void;
  error: (path: string) => string | null;
}

/** Lead capture: what the AI asks for and saves on the session (`save_fields`); pre-chat fields are asked in the widget first. */
export function LeadFieldsEditor({ items, onItems, error }: Props) {
  const update = (i: number, patch: Partial<FieldFormValues>): void => onItems(items.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <Fieldset title="Lead fields">
      <p class="field__hint">Details the AI collects in the conversation and saves on the session; they show in the conversation's details and the export.</p>
      {items.map((f, i) => {
        const id = `field-${i}`;
        return (
          <div key={i} class="list-editor__item" data-testid={id} role="group" aria-label={`Field ${f.label || f.key || i + 1}`}>
            <div class="list-editor__head">
              <h2 class="list-editor__title">{f.label || f.key || `New field ${i + 1}`}</h2>
              <button type="button" class="btn btn--ghost btn--sm btn--danger" data-testid={`${id}-remove`} aria-label={`Remove field ${f.label || f.key || i + 1}`} onClick={() => onItems(items.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
            <div class="list-editor__row">
              <TextField label="Key" testId={`${id}-key`} value={f.key} onValue={(x) => update(i, { key: x })} error={error(`fields.${i}.key`)} placeholder="email" />
              <TextField label="Label" testId={`${id}-label`} value={f.label} onValue={(x) => update(i, { label: x })} error={error(`fields.${i}.label`)} placeholder="E-mail address" />
            </div>
            <label class="field">
              <span class="field__label">Type</span>
              <select class="input" data-testid={`${id}-type`} value={f.type} onChange={(e) => update(i, { type: e.currentTarget.value as LeadFieldDto['type'] })}>
                {TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
            {f.type === 'enum' && <TextField label="Options" testId={`${id}-options`} value={f.options} onValue={(x) => update(i, { options: x })} error={error(`fields.${i}.options`)} hint="Comma-separated." />}
            <TextField label="Description" testId={`${id}-description`} value={f.description} onValue={(x) => update(i, { description: x })} error={error(`fields.${i}.description`)} hint="Tells the AI what to ask for (optional)." />
            <Toggle label="Required" testId={`${id}-required`} checked={f.required} onChecked={(x) => update(i, { required: x })} />
            <Toggle label="Ask before the chat" testId={`${id}-prechat`} checked={f.prechat} onChecked={(x) => update(i, { prechat: x })} hint="A pre-chat form in the widget asks it before the first message." />
          </div>
        );
      })}
      <button type="button" class="btn btn--sm" data-testid="field-add" onClick={() => onItems([...items, emptyField()])}>
        Add a field
      </button>
    </Fieldset>
  );
}
