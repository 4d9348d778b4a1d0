import { initialHotkeys, moveSelection, pressKey, SEQUENCE_TIMEOUT_MS } from '../src/lib/hotkeys';

describe('pressKey', () => {
  it('maps single keys', () => {
    expect(pressKey(initialHotkeys, '/', 0).action).toBe('search');
    expect(pressKey(initialHotkeys, 'j', 0).action).toBe('next');
    expect(pressKey(initialHotkeys, 'k', 0).action).toBe('prev');
    expect(pressKey(initialHotkeys, 'Enter', 0).action).toBe('open');
    expect(pressKey(initialHotkeys, 'x', 0).action).toBeNull();
  });

  it('g then i opens the inbox', () => {
    const afterG = pressKey(initialHotkeys, 'g', 1000);
    expect(afterG.action).toBeNull();
    expect(pressKey(afterG.state, 'i', 1500).action).toBe('inbox');
  });

  it('g then i too late does nothing', () => {
    const afterG = pressKey(initialHotkeys, 'g', 0);
    expect(pressKey(afterG.state, 'i', SEQUENCE_TIMEOUT_MS + 1).action).toBeNull();
  });

  it('g then j still moves', () => {
    const afterG = pressKey(initialHotkeys, 'g', 0);
    expect(pressKey(afterG.state, 'j', 10)).toEqual({ state: initialHotkeys, action: 'next' });
  });
});

describe('moveSelection', () => {
  it('starts at the ends and clamps', () => {
    expect(moveSelection(-1, 3, 'next')).toBe(0);
    expect(moveSelection(-1, 3, 'prev')).toBe(2);
    expect(moveSelection(2, 3, 'next')).toBe(2);
    expect(moveSelection(0, 3, 'prev')).toBe(0);
    expect(moveSelection(0, 0, 'next')).toBe(-1);
  });
});
