import { readConfig } from '../src/lib/config';
import { LANGUAGES, loadStrings, pickLanguage } from '../src/i18n';

const isColor = (v: string): boolean => /^(#[0-9a-f]{3,8}|red|rebeccapurple)$/i.test(v);

describe('widget config from data-* attributes', () => {
  it('needs data-agent', () => {
    const warn = jest.fn();
    expect(readConfig({}, 'https://h.io', isColor, warn)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('data-agent'));
  });

  it('reads every attribute', () => {
    const config = readConfig(
      {
        agent: 'a1',
        customerId: 'c-42',
        customerHash: 'abc',
        metadata: '{"plan":"pro"}',
        title: 'Help',
        color: '#ff0066',
        position: 'left',
        lang: 'de',
        open: '',
      },
      'https://h.io',
      isColor,
    );
    expect(config).toEqual({
      origin: 'https://h.io',
      agentId: 'a1',
      customerId: 'c-42',
      customerHash: 'abc',
      metadata: { plan: 'pro' },
      title: 'Help',
      color: '#ff0066',
      position: 'left',
      lang: 'de',
      open: true,
    });
  });

  it('ignores invalid metadata, colours and positions with a warning', () => {
    const warn = jest.fn();
    const config = readConfig({ agent: 'a1', metadata: '{oops', color: 'red;background:url(x)', position: 'top', open: 'false' }, 'o', isColor, warn);
    expect(config).toMatchObject({ metadata: undefined, color: undefined, position: 'right', open: false });
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('only accepts a JSON object as metadata', () => {
    const warn = jest.fn();
    expect(readConfig({ agent: 'a1', metadata: '[1,2]' }, 'o', isColor, warn)?.metadata).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('i18n', () => {
  it('picks data-lang first, then the browser languages, then English', () => {
    expect(pickLanguage('de-AT', ['en-US'])).toBe('de');
    expect(pickLanguage(undefined, ['sv-SE', 'fr-CA', 'de-DE'])).toBe('fr');
    expect(pickLanguage(undefined, ['pt-BR'])).toBe('pt');
    expect(pickLanguage('xx', ['sv'])).toBeNull();
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key, nested ones too, and its own words', async (lang) => {
    const [t, en] = await Promise.all([loadStrings(lang), loadStrings('en')]);
    const keysOf = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keysOf(t).sort()).toEqual(keysOf(en).sort());
    expect(t.talkToHuman).not.toBe(en.talkToHuman);
    expect(t.launcherOpen).not.toBe(en.launcherOpen);
    expect(t.unread(3)).toMatch(/3/);
    expect(t.errors.rate_limited(7)).toMatch(/7/);
  });
});
