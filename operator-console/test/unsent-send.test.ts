import { UnsentSend } from '../src/lib/unsent-send';

describe('UnsentSend', () => {
  it('gives a send tried again the same id, and anything else a new one', () => {
    const unsent = new UnsentSend();
    const first = unsent.idFor('tell\nfalse\nHello');
    expect(unsent.idFor('tell\nfalse\nHello')).toBe(first);
    const edited = unsent.idFor('tell\nfalse\nHello there');
    expect(edited).not.toBe(first);
    expect(unsent.idFor('whisper\nfalse\nHello there')).not.toBe(edited);
  });

  it('starts afresh after a success, so the same words sent on purpose again are a new message', () => {
    const unsent = new UnsentSend();
    const first = unsent.idFor('tell\nfalse\nThanks!');
    unsent.clear();
    expect(unsent.idFor('tell\nfalse\nThanks!')).not.toBe(first);
  });
});
