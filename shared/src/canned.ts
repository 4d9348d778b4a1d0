/**
 * Canned replies: `{{metadata.field}}` placeholders filled from a session's metadata.
 * Pure and dependency-free so the server (render endpoint) and the console share it.
 */

export const CANNED_SHORTCUT_PATTERN = /^\/[a-z0-9_-]{1,40}$/;

const PLACEHOLDER = /\{\{\s*metadata\.([A-Za-z0-9_.-]{1,200})\s*\}\}/g;

/** Reads `a.b.c` from nested plain objects; anything missing is undefined. */
function lookup(metadata: Record<string, unknown>, path: string): unknown {
  let value: unknown = metadata;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Fills `{{metadata.field}}` (dotted paths allowed) from `metadata`. Missing fields render as
 * empty; values are plain text — the result is never meant to be interpreted as HTML.
 */
export function renderCannedText(text: string, metadata: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_m, path: string) => asText(lookup(metadata, path)));
}
