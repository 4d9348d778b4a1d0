/** A small toast store: pushed from anywhere, rendered by components/Toasts.tsx. */

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error' | 'help';
  title: string;
  body?: string;
  /** An optional action button, e.g. "Open" on a help request. */
  action?: { label: string; run: () => void };
}

export const TOAST_LIFETIME_MS = 6_000;
export const HELP_TOAST_LIFETIME_MS = 15_000;

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<(list: Toast[]) => void>();

function publish(): void {
  listeners.forEach((listener) => listener(toasts));
}

/** Shows a toast; it dismisses itself after its lifetime. */
export function showToast(toast: Omit<Toast, 'id'>, lifetimeMs = TOAST_LIFETIME_MS): number {
  const id = nextId++;
  toasts = [...toasts, { ...toast, id }].slice(-5);
  publish();
  window.setTimeout(() => dismissToast(id), lifetimeMs);
  return id;
}

export function dismissToast(id: number): void {
  const next = toasts.filter((t) => t.id !== id);
  if (next.length === toasts.length) return;
  toasts = next;
  publish();
}

export function subscribeToasts(listener: (list: Toast[]) => void): () => void {
  listeners.add(listener);
  listener(toasts);
  return () => listeners.delete(listener);
}
