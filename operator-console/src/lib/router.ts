/**
 * A tiny history router: the location as an observable, `navigate()`, and pure route
 * matching. The console lives under `/console`; the server answers every `/console/*` path
 * with index.html, so deep links and reloads land here. No preact here: the hook is
 * hooks/useLocation.ts, so this module stays testable in node.
 */
export const BASE = '/console';

export interface Location {
  /** Path without the query, e.g. `/console/sessions/abc`. */
  path: string;
  /** Query with its leading `?`, or `''`. */
  search: string;
}

type Listener = (location: Location) => void;
const listeners = new Set<Listener>();

/** Where the browser is now. */
export function currentLocation(): Location {
  return { path: window.location.pathname, search: window.location.search };
}

function notify(): void {
  const location = currentLocation();
  listeners.forEach((listener) => listener(location));
}

/** Goes to `to` (a path with optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const here = window.location.pathname + window.location.search;
  if (to === here) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

const onPop = (): void => notify();

/** Calls `listener` on every navigation (in-app or back/forward); returns the unsubscribe. */
export function subscribeLocation(listener: Listener): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', onPop);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPop);
  };
}

/**
 * Matches `/console/sessions/:id` against a path; returns the params, or null.
 * A trailing slash is ignored; params are URI-decoded.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const strip = (p: string): string[] => p.replace(/\/+$/, '').split('/').filter(Boolean);
  const want = strip(pattern);
  const got = strip(path);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** Whether a click should be left to the browser (new tab, download, modified click). */
export function isModifiedClick(e: MouseEvent): boolean {
  return e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;
}
