import { readConfig } from '../src/lib/config';
import { pickLanguage, stringsFor } from '../src/i18n';

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
    expect(pickLanguage(undefined, ['fr-FR', 'de-DE'])).toBe('de');
    expect(pickLanguage('xx', ['fr'])).toBe('en');
  });

  it('has the same keys in every language', () => {
    expect(Object.keys(stringsFor('de')).sort()).toEqual(Object.keys(stringsFor('en')).sort());
    expect(stringsFor('de').talkToHuman).not.toBe(stringsFor('en').talkToHuman);
  });
});
