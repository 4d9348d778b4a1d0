import type { ComponentChildren } from 'preact';

/** A calm "nothing here" block with an optional hint or action; `page` when it is the whole page (its title is the page's heading). */
export function EmptyState({ title, page = false, children }: { title: string; page?: boolean; children?: ComponentChildren }) {
  return (
    <div class="empty" data-testid="empty-state">
      {page ? <h1 class="empty__title">{title}</h1> : <p class="empty__title">{title}</p>}
      {children && <div class="empty__body">{children}</div>}
    </div>
  );
}
