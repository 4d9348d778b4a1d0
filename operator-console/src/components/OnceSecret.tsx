import type { ComponentChildren } from 'preact';
import { CopyButton } from './CopyButton';

export interface SecretValue {
  value: string;
  /** Said above the value when there are several forms of it. */
  label?: string;
  testId: string;
  copyTestId: string;
}

/** A secret shown once, right after it was made: what it is, each value with a copy button, and Done. */
export function OnceSecret({ testId, values, onDone, children }: { testId: string; values: SecretValue[]; onDone: () => void; children: ComponentChildren }) {
  return (
    <div class="card secret" role="status" data-testid={testId}>
      <p>{children}</p>
      {values.map((v, i) => (
        <div key={v.testId}>
          {v.label && <p class="muted small">{v.label}</p>}
          <div class="secret__row">
            <code class="secret__value" data-testid={v.testId}>
              {v.value}
            </code>
            <CopyButton text={v.value} testId={v.copyTestId} />
            {i === values.length - 1 && (
              <button type="button" class="btn btn--ghost btn--sm" onClick={onDone}>
                Done
              </button>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
