import type { ComponentChildren } from 'preact';

/** A calm "nothing here" block with an optional hint or action. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty" data-testid="empty-state">
      <p class="empty__title">{title}</p>
      {children && <div class="empty__body">{children}</div>}
    </div>
  );
}
