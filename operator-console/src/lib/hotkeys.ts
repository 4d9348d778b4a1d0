/**
 * The list's keyboard shortcuts as a tiny state machine: `/` search, `j`/`k` move, `Enter`
 * open, `g` then `i` the help inbox. Pure; the DOM side lives in hooks/useHotkeys.ts.
 */
export type HotkeyAction = 'search' | 'next' | 'prev' | 'open' | 'inbox';

export interface HotkeyState {
  /** The first key of a two-key sequence, and when it was pressed. */
  pending: { key: string; at: number } | null;
}

/** How long `g` waits for its second key. */
export const SEQUENCE_TIMEOUT_MS = 1_500;

const SINGLE: Record<string, HotkeyAction> = { '/': 'search', j: 'next', k: 'prev', Enter: 'open' };
const SEQUENCES: Record<string, Record<string, HotkeyAction>> = { g: { i: 'inbox' } };

export const initialHotkeys: HotkeyState = { pending: null };

/** Feeds one key press (with modifiers already excluded); returns the new state and any action. */
export function pressKey(state: HotkeyState, key: string, now: number): { state: HotkeyState; action: HotkeyAction | null } {
  const pending = state.pending && now - state.pending.at <= SEQUENCE_TIMEOUT_MS ? state.pending : null;
  if (pending) {
    const action = SEQUENCES[pending.key]?.[key] ?? null;
    if (action) return { state: initialHotkeys, action };
  }
  if (key in SEQUENCES) return { state: { pending: { key, at: now } }, action: null };
  return { state: initialHotkeys, action: SINGLE[key] ?? null };
}

/** Moves a selection index through a list of `length` items, clamped at both ends. */
export function moveSelection(current: number, length: number, action: 'next' | 'prev'): number {
  if (length === 0) return -1;
  if (current < 0) return action === 'next' ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + (action === 'next' ? 1 : -1)));
}
