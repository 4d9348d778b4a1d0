import { controlStates, defaultComposerAction } from '../src/lib/commands';
import { makeSession } from './factories';

const all = { whisper: true, tell: true, takeover: true };

describe('controlStates', () => {
  it('in AI mode: takeover on, release off', () => {
    const s = controlStates(makeSession({ mode: 'ai' }), all);
    expect(s.takeover).toEqual({ visible: true, enabled: true });
    expect(s.release).toMatchObject({ visible: true, enabled: false });
    expect(s.resolve.enabled).toBe(false);
  });

  it('in support mode: release on, takeover off', () => {
    const s = controlStates(makeSession({ mode: 'support' }), all);
    expect(s.takeover.enabled).toBe(false);
    expect(s.release.enabled).toBe(true);
  });

  it('hides what the agent disables; release follows takeover', () => {
    const s = controlStates(makeSession(), { whisper: false, tell: true, takeover: false });
    expect(s.whisper.visible).toBe(false);
    expect(s.takeover.visible).toBe(false);
    expect(s.release.visible).toBe(false);
    expect(s.tell.visible).toBe(true);
  });

  it('keeps release reachable if a session is in support with takeover switched off', () => {
    const s = controlStates(makeSession({ mode: 'support' }), { ...all, takeover: false });
    expect(s.release).toEqual({ visible: true, enabled: true });
  });

  it('a closed session allows nothing', () => {
    const s = controlStates(makeSession({ status: 'closed', helpRequested: true }), all);
    expect([s.whisper, s.tell, s.takeover, s.release, s.close].every((c) => !c.enabled)).toBe(true);
  });

  it('resolve applies only while help is requested', () => {
    expect(controlStates(makeSession({ helpRequested: true }), all).resolve.enabled).toBe(true);
  });
});

describe('defaultComposerAction', () => {
  it('tells in support mode, whispers otherwise', () => {
    expect(defaultComposerAction(makeSession({ mode: 'support' }), all)).toBe('tell');
    expect(defaultComposerAction(makeSession({ mode: 'ai' }), all)).toBe('whisper');
  });
  it('falls back to what is enabled, or null', () => {
    expect(defaultComposerAction(makeSession({ mode: 'ai' }), { ...all, whisper: false })).toBe('tell');
    expect(defaultComposerAction(makeSession(), { whisper: false, tell: false, takeover: true })).toBeNull();
  });
});
